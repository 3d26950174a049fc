import { readFileSync } from 'fs'
import { join } from 'path'

/**
 * Sizes come from the design tokens (client/styles/tokens.scss: --ght-font-s/m/l/xl, --ght-space-1..6),
 * so the type scale stays at four sizes and 大字模式 scales every page alike. A stylesheet that writes
 * its own `font-size: 1.1875rem` or `margin: 0.5rem 1rem` drifts from the scale; this reads the
 * stylesheets below and names each such line.
 */
const root = join(__dirname, '../..')
const STYLESHEETS = [
  'client/packages/admin/admin.scss',
  'client/packages/about/privacy/index.scss',
  'client/packages/aid/aid.scss',
  'client/packages/review/review.scss',
  'client/packages/membership/membership.scss',
  'client/pages/home/index.scss',
  'client/pages/me/index.scss',
  'client/pages/events/index.scss',
]

const FONT = /^var\(--ght-font-(s|m|l|xl)\)$/
/** one part of a margin/padding/gap: a spacing token, nothing, or a token the layout needs (the tap size) */
const SPACE_PART = /^(0|auto|var\(--ght-space-[1-6]\)|var\(--ght-tap\)|calc\(.*\))$/

/** `font-size`, `margin*`, `padding*` and `gap` declarations whose value is not made of tokens, as `file:line  text`. */
function offRule(file: string): string[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n')
  const found: string[] = []
  lines.forEach((line, i) => {
    const m = /^\s*(font-size|margin(?:-[a-z]+)?|padding(?:-[a-z]+)?|(?:row-|column-)?gap)\s*:\s*([^;]+);/.exec(line)
    if (!m) return
    const [, prop, value] = m
    const ok = prop === 'font-size' ? FONT.test(value.trim()) : value.trim().split(/\s+(?![^(]*\))/).every((part) => SPACE_PART.test(part))
    if (!ok) found.push(`${file}:${i + 1}  ${line.trim()}`)
  })
  return found
}

describe('stylesheets use the design tokens for type and spacing', () => {
  it.each(STYLESHEETS)('%s', (file) => {
    expect(offRule(file)).toEqual([])
  })

  it('catches a raw size (the check itself works)', () => {
    const FONT_OK = FONT.test('var(--ght-font-l)') && !FONT.test('1.1875rem') && !FONT.test('var(--ght-font-xxl)')
    const SPACE_OK = SPACE_PART.test('var(--ght-space-2)') && !SPACE_PART.test('0.5rem') && !SPACE_PART.test('8px')
    expect([FONT_OK, SPACE_OK]).toEqual([true, true])
  })
})
