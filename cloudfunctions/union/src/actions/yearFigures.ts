import type { Handler } from '../../../../server/createFunction'
import { figuresOf } from '../../../../server/stats/figures'
import type { unionActions } from '../../../../shared/union/actions'

/** 年度数据 of a union and its subtree for a year, from the running totals (two reads). */
export const yearFigures: Handler<typeof unionActions.yearFigures> = ({ unionId, year }, ctx) => figuresOf(ctx, unionId, year)
