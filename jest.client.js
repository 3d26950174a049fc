// The `client` jest project: React components and hooks in jsdom (architecture §7, measured recipe).
// `@tarojs/components` resolves to Taro's own React build; `@tarojs/taro` to a small stand-in of the phone.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }]

// ES-module packages that Taro's React components and NutUI pull in.
const esmPackages = ['@tarojs', '@nutui', '@stencil', '@swc/helpers', 'lodash-es', 'swiper', 'ssr-window', 'dom7', 'classnames', 'resolve-pathname', 'hammerjs', 'tslib']

module.exports = {
  displayName: 'client',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/client/**/*.test.{ts,tsx}'],
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  // Judged on the innermost node_modules folder: Taro nests its own (pnpm-style) copies of some packages.
  transformIgnorePatterns: [`/node_modules/(?!.*/node_modules/)(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/tests/client/support/taro.ts',
    '^@tarojs/components$': '<rootDir>/tests/client/support/components.tsx',
    '\\.(css|scss|sass|less)$': '<rootDir>/tests/client/support/style.ts',
    '\\.(png|jpg|gif)$': '<rootDir>/tests/client/support/image.ts',
  },
  restoreMocks: true,
  setupFiles: ['<rootDir>/tests/client/support/globals.ts'],
}
