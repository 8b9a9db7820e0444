#!/usr/bin/env node
// Trains the reader model from data/nlu/corpus into data/model/reader.bin unless it is current.
// Run by `npm install` (postinstall), so the first start loads it instead of training.
import { register } from 'tsx/esm/api';

register();
const { currentModel } = await import('../src/services/reader.ts');
currentModel((message) => console.log(`reader: ${message}`));
console.log('reader: model is current');
