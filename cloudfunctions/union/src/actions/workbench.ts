import type { Handler } from '../../../../server/createFunction'
import { workbench as build } from '../../../../server/union/workbench'
import type { unionActions } from '../../../../shared/union/actions'

/** 工作台 of a union's officers or the federation staff over it. */
export const workbench: Handler<typeof unionActions.workbench> = async ({ unionId }, ctx) => build(ctx, unionId)
