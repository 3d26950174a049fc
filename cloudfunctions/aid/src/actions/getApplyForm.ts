import type { Handler } from '../../../../server/createFunction'
import { unionForCheck } from '../../../../server/aid/assess'
import { loadConfigFor, requireScheme, resolveChain } from '../../../../server/aid/config'
import { resolveSubject } from '../../../../server/aid/subject'
import { hasConsent } from '../../../../server/privacy'
import type { aidActions } from '../../../../shared/aid/actions'
import { schemeLabel } from '../../../../shared/aid/config'
import { AID_CONSENT_VERSION } from '../../../../shared/aid/consent'
import { windowState } from '../../../../shared/aid/window'
import { maskName } from '../../../../shared/privacy/mask'

/** What the application page needs: the checklist, the window, the chain, and which consents are already given. */
export const getApplyForm: Handler<typeof aidActions.getApplyForm> = async ({ scheme: code, proxyId }, ctx) => {
  const subject = await resolveSubject(ctx, proxyId)
  const { union } = await unionForCheck(ctx, subject, undefined)
  const config = await loadConfigFor(ctx.db, union)
  const scheme = requireScheme(config, code)
  const win = windowState(scheme.window, ctx.now, schemeLabel[code])
  const chain = union.level === 'grassroots' ? (await resolveChain(ctx.db, union, scheme)).steps.map((s) => `${s.unionName}：${s.label}`) : scheme.chain.map((d) => d.label)
  const [sensitiveAid, guardianMinor] = await Promise.all([
    hasConsent(ctx.db, subject.openid, 'sensitive_aid', { version: AID_CONSENT_VERSION }),
    hasConsent(ctx.db, subject.openid, 'guardian_minor', { version: AID_CONSENT_VERSION }),
  ])
  return {
    scheme: code,
    label: schemeLabel[code],
    windowOpen: win.open,
    windowText: win.text,
    documents: scheme.documents,
    chain,
    noticeWorkingDays: scheme.noticeWorkingDays,
    unionId: union._id,
    unionName: union.name,
    consentVersion: AID_CONSENT_VERSION,
    consents: { sensitiveAid, guardianMinor },
    forWorker: subject.proxy ? maskName(subject.proxy.workerName) : null,
  }
}
