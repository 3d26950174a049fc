import { z } from 'zod'
import { InviteCode, Union } from '../domain/union'

/** A union id as the client may send it: opaque, short, no operators or punctuation. */
export const UnionId = z
  .string({ error: '请选择工会' })
  .trim()
  .min(1, '请选择工会')
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '工会编号不正确')

/** What a person may see of any union: no invite code, no internal path. */
export const UnionSummary = Union.pick({
  _id: true,
  name: true,
  level: true,
  parentId: true,
  region: true,
  employer: true,
  acceptsGigWorkers: true,
})
export type UnionSummary = z.infer<typeof UnionSummary>

/** A breadcrumb entry: 朝阳区总工会 › 望京街道工会联合会. */
export const UnionRef = z.object({ _id: z.string(), name: z.string() })
export type UnionRef = z.infer<typeof UnionRef>

/** Position after the last child shown; children are ordered by (name, _id). */
export const TreeCursor = z.object({ name: z.string().max(100), _id: UnionId })
export type TreeCursor = z.infer<typeof TreeCursor>

export const TREE_PAGE_DEFAULT = 20
export const TREE_PAGE_MAX = 50
export const SEARCH_LIMIT = 20

export const GetTreeInput = z.object({
  /** absent: the top of the tree */
  parentId: UnionId.optional(),
  after: TreeCursor.optional(),
  limit: z.number({ error: '每页数量不正确' }).int().min(1).max(TREE_PAGE_MAX).default(TREE_PAGE_DEFAULT),
})
export const GetTreeOutput = z.object({
  node: UnionSummary.nullable(),
  children: z.array(UnionSummary),
  /** pass back as `after` for the next page; null on the last page */
  next: TreeCursor.nullable(),
})

export const SearchInput = z.object({
  keyword: z.string({ error: '请输入工会或单位名称' }).trim().min(1, '请输入工会或单位名称').max(30, '关键词最多30个字'),
  limit: z.number({ error: '数量不正确' }).int().min(1).max(SEARCH_LIMIT).default(SEARCH_LIMIT),
})
export const SearchOutput = z.object({ items: z.array(UnionSummary) })

export const GetUnionInput = z.object({ unionId: UnionId })
export const UnionDetail = z.object({
  union: UnionSummary,
  /** from the top of the tree down to the parent */
  ancestors: z.array(UnionRef),
  /** only for the union's chair, vice-chairs and the federation staff above it */
  inviteCode: InviteCode.optional(),
})
export type UnionDetail = z.infer<typeof UnionDetail>

export const ByInviteCodeInput = z.object({ code: InviteCode })
export const InvitedUnion = z.object({ union: UnionSummary, ancestors: z.array(UnionRef) })
