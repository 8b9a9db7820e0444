/**
 * YAML for the config file and the org file. The parser is loaded on the first file read, not
 * at every start: a start with neither file to parse (an org file unchanged since its import)
 * saves ≈ 30 ms (docs/decisions/0010-performance.md).
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let yaml: typeof Yaml | undefined;

/** Parses YAML text (JSON is YAML too); throws the library's error on bad text. */
export function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yaml.parse(text);
}
