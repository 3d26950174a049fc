// One jest project per layer; `npm test` runs them all. Figures live in bench/, never here.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }]
const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  // compiled cloud functions are the deployable artifact: run them exactly as built
  transformIgnorePatterns: ['/node_modules/', '/cloudfunctions/[^/]+/index\\.js$'],
  testEnvironment: 'node',
}
// Each project's test limit is sized to its work on a busy machine (2 cores shared, load ~10), not to a quiet
// one: pure rules are instant; the local cloud spawns processes and restarts; a function test runs several
// compiled functions through the SDK; the weapp project drives the built app; browser tests drive Chromium.
// A test that needs more than its project allows says so itself.
const limit = (ms, ...setup) => ({ globals: { TEST_TIMEOUT: ms }, setupFilesAfterEnv: ['<rootDir>/tests/setup/testTimeout.js', ...setup] })
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'], ...limit(15_000) },
    { ...base, displayName: 'local-cloud', testMatch: ['<rootDir>/tests/local-cloud/**/*.test.ts'], ...limit(60_000) },
    { ...base, displayName: 'functions', testMatch: ['<rootDir>/tests/functions/**/*.test.ts'], globalSetup: '<rootDir>/tests/setup/buildFunctions.ts', ...limit(90_000) },
    // weapp: the first test of a file compiles the page's templates with wcc and runs it (10 s at load 18), and a
    // wait for the page may itself take up to 30 s (support/simulatedPhone.ts) and must be able to say what it missed.
    { ...base, displayName: 'weapp', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'], ...limit(60_000) },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'], ...limit(240_000) },
    // the deploy plans from the built functions (their bundles, hashes and the settings they read)
    { ...base, displayName: 'deploy', testMatch: ['<rootDir>/tests/deploy/**/*.test.ts'], globalSetup: '<rootDir>/tests/setup/buildFunctions.ts', ...limit(90_000) },
    // the `client` project (jsdom + Taro components) is added by the client work in jest.client.js. A client test
    // starts the app once or twice (launchApp loads React, Taro's components and the page afresh): 1-2 s quiet,
    // up to 16 s at load 18. Its waits for the page get 10 s instead of testing-library's 1 s (support/waits.ts).
    ...(require('fs').existsSync(__dirname + '/jest.client.js') ? [{ ...require('./jest.client.js'), ...limit(60_000, '<rootDir>/tests/client/support/waits.ts') }] : []),
  ],
}
