import { z } from 'zod'
import { findById } from '../db'
import type { Database } from '../context'
import { TemplateKey } from '../../shared/notify/templates'
import { NOTIFY_CONFIG } from './docs'

/**
 * Real template ids are configuration (they differ per mini-program and are picked in the admin console).
 * Source, first match wins:
 *   1. the `notify_config` document `templates`: { ids: { reviewTodo: '…', … }, miniprogramState? } — editable without a deploy;
 *   2. env GHT_TEMPLATE_IDS = '{"reviewTodo":"…",…}' and GHT_MINIPROGRAM_STATE = developer|trial|formal.
 * A template without an id is not pushed: its message stays in the inbox and the outbox records 'no_template'.
 */
export const MiniprogramState = z.enum(['developer', 'trial', 'formal'])
export type MiniprogramState = z.infer<typeof MiniprogramState>

const TemplateIds = z.partialRecord(TemplateKey, z.string().trim())

export interface NotifySettings {
  templateIds: Partial<Record<TemplateKey, string>>
  miniprogramState: MiniprogramState
}

const ConfigDoc = z.object({
  ids: TemplateIds.default({}),
  miniprogramState: MiniprogramState.optional(),
})

export const TEMPLATES_CONFIG_ID = 'templates'

function nonEmpty(ids: z.output<typeof TemplateIds>): Partial<Record<TemplateKey, string>> {
  const out: Partial<Record<TemplateKey, string>> = {}
  for (const key of TemplateKey.options) {
    const id = ids[key]
    if (id) out[key] = id
  }
  return out
}

function fromEnv(): NotifySettings {
  const state = MiniprogramState.safeParse(process.env.GHT_MINIPROGRAM_STATE)
  let ids: Partial<Record<TemplateKey, string>> = {}
  const raw = process.env.GHT_TEMPLATE_IDS
  if (raw) {
    try {
      const parsed = TemplateIds.safeParse(JSON.parse(raw))
      if (parsed.success) ids = nonEmpty(parsed.data)
      else console.error('[notify] GHT_TEMPLATE_IDS has unknown template keys or non-string ids; no template is configured')
    } catch {
      console.error('[notify] GHT_TEMPLATE_IDS is not JSON; no template is configured')
    }
  }
  return { templateIds: ids, miniprogramState: state.success ? state.data : 'formal' }
}

export async function loadNotifySettings(db: Database): Promise<NotifySettings> {
  const env = fromEnv()
  const doc = await findById(db.collection(NOTIFY_CONFIG), TEMPLATES_CONFIG_ID, ConfigDoc)
  if (!doc) return env
  return { templateIds: nonEmpty(doc.ids), miniprogramState: doc.miniprogramState ?? env.miniprogramState }
}
