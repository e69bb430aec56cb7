// The reader scenario (reader-scenario.mjs) in the "Default Dark Modern" colour theme.
import { readerTests } from './reader-scenario.mjs';

export const options = { theme: 'Default Dark Modern' };
export const tests = readerTests();
