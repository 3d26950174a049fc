import type { Handler } from '../../../../server/createFunction'
import { publishYear } from '../../../../server/stats/export'
import { figuresOf } from '../../../../server/stats/figures'
import type { statsActions } from '../../../../shared/stats/actions'

/** Every table of 年度数据 as XLSX, for the same people who may see the figures. */
export const exportYear: Handler<typeof statsActions.exportYear> = async ({ unionId, year }, ctx) => publishYear(ctx, await figuresOf(ctx, unionId, year))
