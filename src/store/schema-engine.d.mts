// Types for schema-engine.mjs (plain JavaScript so that scripts run without a TS loader).
export type EngineProvider = 'sqlite' | 'postgresql';
export declare function loadSchemaEngine(): Promise<any>;
export declare const noFilters: { externalTables: string[]; externalEnums: string[] };
export declare function pgConfig(url: string): {
  host: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
};
export declare function withSchemaEngine<T>(
  provider: EngineProvider,
  url: string,
  datamodel: string,
  fn: (engine: any) => Promise<T>,
): Promise<T>;
export declare function migrationsList(dir: string): {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[];
};
export declare function diffMigrationsToDatamodel(
  provider: EngineProvider,
  url: string,
  datamodel: string,
  dir: string,
  lockfile?: string,
): Promise<string>;
export declare function diffDatabaseToDatamodel(
  provider: EngineProvider,
  url: string,
  datamodel: string,
): Promise<string>;
