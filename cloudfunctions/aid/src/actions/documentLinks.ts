import type { Handler } from '../../../../server/createFunction'
import { openApplication } from '../../../../server/aid/access'
import { AID } from '../../../../server/aid/collections'
import { loadConfigFor } from '../../../../server/aid/config'
import { writeAudit } from '../../../../server/privacy/audit'
import { tempUrls } from '../../../../server/storage'
import type { aidActions } from '../../../../shared/aid/actions'

/** Links live 10 minutes: long enough to look, too short to forward usefully. */
const LINK_SECONDS = 600

/**
 * The application's documents through short-lived links, only for its applicant and its reviewers;
 * every opening is written to the audit log first (ID cards and medical papers are sensitive).
 */
export const documentLinks: Handler<typeof aidActions.documentLinks> = async ({ applicationId }, ctx) => {
  const { app, request } = await openApplication(ctx, applicationId)
  if (app.documents.length === 0) return { links: [], expiresInSeconds: LINK_SECONDS }
  for (const d of app.documents) {
    await writeAudit(ctx.db, {
      actorOpenid: ctx.openid,
      action: 'view_attachment',
      subjectCollection: AID.applications,
      subjectId: app._id,
      field: `documents.${d.code}`,
      requestId: request._id,
      at: ctx.now,
    })
  }
  const urls = await tempUrls(ctx, app.documents.map((d) => d.fileId), LINK_SECONDS)
  const checklist = (await loadConfigFor(ctx.db, { path: app.unionPath })).schemes.find((s) => s.code === app.scheme)?.documents ?? []
  return {
    links: app.documents.map((d) => ({
      code: d.code,
      label: checklist.find((c) => c.code === d.code)?.label ?? d.code,
      url: urls.get(d.fileId) ?? '',
    })),
    expiresInSeconds: LINK_SECONDS,
  }
}
