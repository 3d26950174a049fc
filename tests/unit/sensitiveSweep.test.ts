import { idCheckChar } from '../../shared/privacy/idNumber'
import { luhnCheckDigit } from '../../shared/privacy/bankCard'
import { maskBankCard, maskIdNumber, maskName } from '../../shared/privacy/mask'
import { assertNoSensitive, findSensitive } from '../helpers/sensitiveSweep'

const id = '11010119900307123' + idCheckChar('11010119900307123')
const otherId = '44030419850612345' + idCheckChar('44030419850612345')
const card = '622202020011234567' + luhnCheckDigit('622202020011234567')
const secrets = [id, card, '急性白血病', '李小明']

const cleanEnvelope = {
  ok: true,
  data: {
    applicant: maskName('李强'),
    idNumberMasked: maskIdNumber(id),
    bankCardMasked: maskBankCard(card),
    child: { name: maskName('李小明'), school: '北京市第八十中学' },
    items: [{ id: 'a1b2c3', body: '您有一条帮扶申请待审批', createdAt: new Date('2025-03-07T02:00:00Z') }],
  },
}

describe('sensitive-data sweep', () => {
  test('passes a response that shows only masked forms', () => {
    expect(findSensitive(cleanEnvelope, secrets)).toEqual([])
    expect(() => assertNoSensitive(cleanEnvelope, secrets)).not.toThrow()
  })

  test('finds a listed secret anywhere, however deep, and names the path', () => {
    const leaky = { ...cleanEnvelope, data: { ...cleanEnvelope.data, items: [{ id: 'x', body: `孩子李小明的助学申请` }] } }
    expect(findSensitive(leaky, secrets)).toEqual([{ path: '$.data.items[0].body', reason: expect.stringContaining('secret #4') }])
    expect(() => assertNoSensitive(leaky, secrets)).toThrow(/\$\.data\.items\[0\]\.body/)
  })

  test('finds numbers written with spaces, dashes or a lowercase x', () => {
    const grouped = card.replace(/(\d{4})/g, '$1 ')
    expect(findSensitive({ note: `卡号：${grouped}` }, secrets)).toHaveLength(1)
    const idWithDash = `${id.slice(0, 6)}-${id.slice(6)}`.toLowerCase()
    expect(findSensitive({ note: idWithDash }, secrets)).toHaveLength(1)
  })

  test('finds a diagnosis inside a longer text and in object keys', () => {
    expect(findSensitive({ remark: '诊断为急性白血病，住院治疗' }, secrets)).toHaveLength(1)
    expect(findSensitive({ byDiagnosis: { 急性白血病: 1 } }, secrets)).toHaveLength(1)
  })

  test('finds an unlisted but valid ID number, and can be told not to', () => {
    const doc = { body: `身份证 ${otherId}` }
    expect(findSensitive(doc, secrets)).toEqual([{ path: '$.body', reason: expect.stringContaining('ID number') }])
    expect(findSensitive(doc, secrets, { detectIdNumbers: false })).toEqual([])
  })

  test('flags ciphertext that left the server unless sealed values are expected', () => {
    const stored = { idNumber: { enc: { ct: 'AAAA', iv: 'BBBB', tag: 'CCCC', v: 1 }, hash: 'ff', masked: maskIdNumber(id) } }
    expect(findSensitive(stored, secrets)).toEqual([{ path: '$.idNumber.enc', reason: expect.stringContaining('ciphertext') }])
    expect(findSensitive(stored, secrets, { allowSealed: true })).toEqual([])
  })

  test('bank card pattern detection is opt-in', () => {
    const other = '621700001000000' + luhnCheckDigit('621700001000000')
    expect(findSensitive({ n: other }, [])).toEqual([])
    expect(findSensitive({ n: other }, [], { detectBankCards: true })).toHaveLength(1)
  })

  test('scans captured buffers and survives cycles', () => {
    const node: Record<string, unknown> = { raw: Buffer.from(`{"touser":"x","data":{"thing1":{"value":"${id}"}}}`) }
    node.self = node
    expect(findSensitive(node, secrets)).toHaveLength(1)
  })

  test('refuses a one-character secret that would match everything', () => {
    expect(() => findSensitive({}, ['李'])).toThrow(/at least 2/)
  })
})
