// Every project's default test limit, from the `globals.TEST_TIMEOUT` its entry in jest.config.js sets
// (jest itself reads testTimeout from the command line's global config only, never from a project).
if (typeof globalThis.TEST_TIMEOUT === 'number') jest.setTimeout(globalThis.TEST_TIMEOUT)
