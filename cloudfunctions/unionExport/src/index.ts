import * as cloud from 'wx-server-sdk'
import { createFunction } from '../../../server/createFunction'
import { unionExportActions } from '../../../shared/union/exports'
import { exportRoster } from './actions/exportRoster'
import { importChunk } from './actions/importChunk'
import { importDues } from './actions/importDues'
import { startImport } from './actions/startImport'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

/**
 * 会员名册 export and 会费 import as XLSX, in a function of its own: the Excel reader and writer are most
 * of its size, so the `union` function every phone calls starts without them, and a roster of thousands
 * has its own time limit. 年度数据 tables may add their export action here.
 */
export const main = createFunction(cloud, unionExportActions, { exportRoster, importChunk, importDues, startImport })
