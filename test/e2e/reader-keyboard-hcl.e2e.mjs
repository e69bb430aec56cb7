// The keyboard-only reader scenario (keyboard-scenario.mjs) in the "Default High Contrast Light" colour theme.
import { keyboardTests } from './keyboard-scenario.mjs';

export const options = { theme: 'Default High Contrast Light' };
export const tests = keyboardTests();
