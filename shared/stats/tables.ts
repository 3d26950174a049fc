import type { YearFigures } from './figures'

/**
 * The summary tables of 年度数据 as rows, shared by the page and the Excel export so both show the same
 * figures under the same headings. Money is yuan with two decimals, from integer fen.
 */
export interface FigureTable {
  title: string
  head: string[]
  rows: Array<Array<string | number>>
}

const yuan = (fen: number): string => (fen / 100).toFixed(2)

export function figureTables(f: YearFigures): FigureTable[] {
  const sum = <T>(xs: readonly T[], pick: (x: T) => number) => xs.reduce((s, x) => s + pick(x), 0)
  return [
    { title: '组织数', head: ['基层工会总数', '本年新建', '本年注销'], rows: [[f.unions.total, f.unions.new, f.unions.dissolved]] },
    { title: '会员', head: ['会员总数', '本年新入会', '女职工会员', '本年新入会女职工', '退会', '除名'], rows: [[f.members.total, f.members.new, f.members.women, f.members.womenNew, f.members.left, f.members.expelled]] },
    // a table of its own: eight columns do not fit a phone's width
    { title: '农民工会员', head: ['农民工会员总数', '本年新入会农民工'], rows: [[f.members.migrants, f.members.migrantsNew]] },
    { title: '会籍接转', head: ['转入', '转出'], rows: [[f.transfers.in, f.transfers.out]] },
    {
      title: '帮扶（已发放）',
      head: ['项目', '人次', '金额（元）'],
      rows: [...f.aid.map((a) => [a.label, a.persons, yuan(a.fen)]), ['合计', sum(f.aid, (a) => a.persons), yuan(sum(f.aid, (a) => a.fen))]],
    },
    {
      title: '金秋助学',
      head: ['学段', '学生人数', '金额（元）'],
      rows: [...f.school.map((s) => [s.label, s.students, yuan(s.fen)]), ['合计', sum(f.school, (s) => s.students), yuan(sum(f.school, (s) => s.fen))]],
    },
    { title: '送温暖', head: ['人次', '金额（元）'], rows: [[f.warmth.persons, yuan(f.warmth.fen)]] },
    {
      title: '活动',
      head: ['类型', '场次', '人次'],
      rows: [...f.events.map((e) => [e.label, e.sessions, e.attendance]), ['合计', sum(f.events, (e) => e.sessions), sum(f.events, (e) => e.attendance)]],
    },
    { title: '困难职工档案', head: ['建档', '退档'], rows: [[f.files.opened, f.files.closed]] },
  ]
}
