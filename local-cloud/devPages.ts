import type { SentMessage } from './openapi'
import type { Persona } from './seed/personas'

/** Plain server-rendered pages for local development only. Every string a person reads is Chinese. */

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;font-size:1.05rem;line-height:1.6;color:#222}
h1{font-size:1.4rem}.note{color:#666;font-size:.95rem}
form.persona{margin:.75rem 0}button{width:100%;text-align:left;padding:.9rem 1rem;font-size:1.05rem;border:1px solid #ccc;border-radius:.5rem;background:#fff}
button:hover{border-color:#c00}.role{color:#c00;margin-left:.5rem}.summary{display:block;color:#666;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.4rem;vertical-align:top;text-align:left}
pre{margin:0;white-space:pre-wrap}
</style></head><body>${body}</body></html>`
}

export function loginPage(personas: readonly Persona[], current: Persona | undefined): string {
  const buttons = personas
    .map(
      (p) => `<form class="persona" method="post" action="/dev/login">
<input type="hidden" name="openid" value="${escape(p.openid)}">
<button type="submit"><strong>${escape(p.name)}</strong><span class="role">${escape(p.role)}</span><span class="summary">${escape(p.summary)}</span></button>
</form>`,
    )
    .join('\n')
  const now = current
    ? `<p>当前身份：<strong>${escape(current.name)}</strong>（${escape(current.role)}）。<a href="/">回到首页</a> · <a href="/dev/logout">退出</a></p>`
    : '<p>当前未登录。</p>'
  return page(
    '选择演示身份',
    `<h1>选择演示身份</h1>
<p class="note">这是本地开发专用的登录页，只在本机运行时出现，小程序里没有这个页面。</p>
${now}
${buttons}
<form class="persona" method="post" action="/dev/login">
<input type="hidden" name="new" value="1">
<button type="submit"><strong>新用户</strong><span class="role">第一次打开小程序</span><span class="summary">一个从没用过工会通的人，例如收到任职邀请或入会链接的人；每次点都是另一个新人</span></button>
</form>
<p class="note"><a href="/dev/outbox.html">查看已发送的订阅消息</a> · <a href="/dev/time">演示时间：让活动开始、让公示期满</a></p>`,
  )
}

export function outboxPage(messages: readonly SentMessage[]): string {
  const rows = messages
    .map(
      (m) => `<tr><td>${escape(m.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))}</td><td>${escape(m.touser)}</td><td>${escape(m.templateId)}</td><td>${escape(m.page ?? '')}</td><td><pre>${escape(JSON.stringify(m.data, null, 2))}</pre></td></tr>`,
    )
    .join('\n')
  return page(
    '已发送的订阅消息',
    `<h1>已发送的订阅消息</h1>
<p class="note">本地云不会真的推送到微信，发送的订阅消息都记录在这里（共 ${messages.length} 条）。<a href="/dev/outbox">JSON</a></p>
${messages.length ? `<table><tr><th>时间</th><th>接收人</th><th>模板</th><th>跳转页面</th><th>内容</th></tr>${rows}</table>` : '<p>还没有发送过订阅消息。</p>'}`,
  )
}

/** What `/` shows when no H5 build is being served. */
export function placeholderPage(devLogin: boolean): string {
  return page(
    '本地云已启动',
    `<h1>本地云已启动</h1>
<p>还没有可显示的 H5 页面。请先运行 <code>npm run build:h5</code>，再用 <code>--static</code> 指定构建目录启动本地云。</p>
${devLogin ? '<p><a href="/dev/login">选择演示身份</a> · <a href="/dev/outbox.html">查看已发送的订阅消息</a></p>' : ''}`,
  )
}

export interface TimeItem {
  id: string
  title: string
  when: string
}

/** /dev/time: moves demo records through time, so every stage can be shown today. */
export function timePage(events: readonly TimeItem[], notices: readonly TimeItem[], done: string): string {
  const form = (action: string, item: TimeItem, label: string) => `<form class="persona" method="post" action="/dev/time">
<input type="hidden" name="action" value="${escape(action)}"><input type="hidden" name="id" value="${escape(item.id)}">
<button type="submit"><strong>${escape(item.title)}</strong><span class="role">${escape(label)}</span><span class="summary">${escape(item.when)}</span></button>
</form>`
  return page(
    '演示时间',
    `<h1>演示时间</h1>
<p class="note">本地演示专用：把一条演示记录移到“那一刻已经到来”，再由系统照常处理。规则本身不变（签到在活动开始前60分钟开放，公示5个工作日）。</p>
${done ? `<p><strong>${escape(done)}</strong></p>` : ''}
<h2>活动：让它现在开始</h2>
${events.length ? events.map((e) => form('startEvent', e, '开始于30分钟前')).join('\n') : '<p>没有已发布的活动。</p>'}
<h2>公示：让它今天期满</h2>
${notices.length ? notices.map((n) => form('endNotice', n, '公示期满')).join('\n') : '<p>没有正在公示的帮扶申请。</p>'}
<p class="note"><a href="/">回到工会通</a> · <a href="/dev/login">切换演示身份</a></p>`,
  )
}
