// One jest project per layer; `npm test` runs them all. Figures live in bench/, never here.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }]
const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  // compiled cloud functions are the deployable artifact: run them exactly as built
  transformIgnorePatterns: ['/node_modules/', '/cloudfunctions/[^/]+/index\\.js$'],
  testEnvironment: 'node',
}
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...base, displayName: 'local-cloud', testMatch: ['<rootDir>/tests/local-cloud/**/*.test.ts'] },
    { ...base, displayName: 'functions', testMatch: ['<rootDir>/tests/functions/**/*.test.ts'], globalSetup: '<rootDir>/tests/setup/buildFunctions.ts' },
    { ...base, displayName: 'weapp', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    // the deploy plans from the built functions (their bundles, hashes and the settings they read)
    { ...base, displayName: 'deploy', testMatch: ['<rootDir>/tests/deploy/**/*.test.ts'], globalSetup: '<rootDir>/tests/setup/buildFunctions.ts' },
    // the `client` project (jsdom + Taro components) is added by the client work in jest.client.js
    ...(require('fs').existsSync(__dirname + '/jest.client.js') ? [require('./jest.client.js')] : []),
  ],
}
