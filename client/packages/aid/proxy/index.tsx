import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { accountActions } from '../../../../shared/account'
import { aidActions } from '../../../../shared/aid/actions'
import { AID_CONSENT_VERSION, proxyConsentText, sensitiveAidConsentText } from '../../../../shared/aid/consent'
import ActionView from '../../../components/ActionView'
import Choices from '../../../components/form/Choices'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import '../aid.scss'

const CADRE = new Set(['chair', 'vice_chair', 'committee'])

/**
 * 代办: a worker who cannot fill the forms lets a cadre of their union do it. The worker agrees in
 * their own WeChat (recorded as consent); the cadre then fills the household and the application.
 */
export default function ProxyPage() {
  const proxies = useAction(aidActions.myProxies, {})
  const me = useAction(accountActions.whoami, {})
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)

  async function answer(proxyId: string, accept: boolean) {
    if (busy) return
    setBusy(true)
    const res = await call(aidActions.answerProxy, { proxyId, accept, version: AID_CONSENT_VERSION })
    setBusy(false)
    if (!res.ok) return setError(res.error)
    setError(null)
    proxies.reload()
  }

  return (
    <PageShell title='代办帮扶申请' back>
      {error && <Text className='aid__error'>{error.message}</Text>}
      <ActionView state={proxies}>
        {(p) => (
          <View>
            {p.items
              .filter((x) => x.isWorker)
              .map((x) => (
                <View key={x.id} className='ght-card'>
                  <Text className='aid__heading'>{x.cadreName}请求代您申请帮扶</Text>
                  <Text className='aid__weak'>{x.unionName}</Text>
                  {x.status === 'pending' ? (
                    <View>
                      {proxyConsentText.map((line, i) => (
                        <Text key={i} className='aid__line'>
                          {line}
                        </Text>
                      ))}
                      <View className='aid__actions'>
                        <Button className='ght-button ght-button--primary' onClick={() => answer(x.id, true)} disabled={busy}>
                          同意由工会代办
                        </Button>
                        <Button className='ght-button' onClick={() => answer(x.id, false)} disabled={busy}>
                          不同意
                        </Button>
                      </View>
                    </View>
                  ) : (
                    <Text className='aid__line'>{x.status === 'accepted' ? '您已同意代办' : '您没有同意代办'}</Text>
                  )}
                </View>
              ))}
            {p.items.some((x) => x.isWorker && x.status === 'accepted') && <SensitiveConsent onError={setError} />}
            {p.items
              .filter((x) => !x.isWorker)
              .map((x) => (
                <View key={x.id} className='ght-card'>
                  <Text className='aid__heading'>为{x.workerName}代办</Text>
                  <Text className='aid__line'>{x.status === 'accepted' ? '职工已同意' : x.status === 'pending' ? '等待职工本人同意' : '职工没有同意'}</Text>
                  {x.status === 'accepted' && (
                    <View className='aid__actions'>
                      <Button className='ght-button' onClick={() => openPage(`/packages/aid/household/index?proxy=${x.id}`)}>
                        填写家庭情况
                      </Button>
                      <Button className='ght-button ght-button--primary' onClick={() => openPage(`/packages/aid/check/index?proxy=${x.id}`)}>
                        测算并申请
                      </Button>
                    </View>
                  )}
                </View>
              ))}
          </View>
        )}
      </ActionView>
      <ActionView state={me}>
        {(who) => {
          const unions = who.grants.filter((g) => CADRE.has(g.role))
          return unions.length ? <AskWorker unions={unions.map((g) => ({ value: g.unionId, label: g.unionName }))} onAsked={proxies.reload} /> : null
        }}
      </ActionView>
    </PageShell>
  )
}

function SensitiveConsent({ onError }: { onError: (e: AppErrorShape) => void }) {
  const form = useAction(aidActions.getApplyForm, { scheme: 'living' })
  const [done, setDone] = useState(false)
  async function agree() {
    const res = await call(aidActions.recordConsent, { purpose: 'sensitive_aid', version: AID_CONSENT_VERSION })
    if (!res.ok) return onError(res.error)
    setDone(true)
  }
  return (
    <ActionView state={form}>
      {(f) =>
        f.consents.sensitiveAid || done ? null : (
          <View className='ght-card'>
            <Text className='aid__heading'>还需要您单独同意：敏感个人信息</Text>
            {sensitiveAidConsentText.map((line, i) => (
              <Text key={i} className='aid__line'>
                {line}
              </Text>
            ))}
            <View className='aid__actions'>
              <Button className='ght-button ght-button--primary' onClick={agree}>
                我已阅读，单独同意
              </Button>
            </View>
          </View>
        )
      }
    </ActionView>
  )
}

function AskWorker({ unions, onAsked }: { unions: Array<{ value: string; label: string }>; onAsked: () => void }) {
  const [unionId, setUnionId] = useState(unions[0].value)
  const candidates = useAction(aidActions.proxyCandidates, { unionId })
  const [note, setNote] = useState('')
  // the row tapped shows 发送中 at once and 已发送 as soon as the server said so, before the list reloads
  const [sending, setSending] = useState<string | null>(null)
  const [sent, setSent] = useState<ReadonlySet<string>>(new Set())
  async function ask(roleId: string) {
    if (sending) return
    setSending(roleId)
    const res = await call(aidActions.requestProxy, { roleId })
    setSending(null)
    setNote(res.ok ? `已发送请求，等${res.data.proxy.workerName}在自己的微信里同意。` : res.error.message)
    if (res.ok) {
      setSent((s) => new Set(s).add(roleId))
      onAsked()
      candidates.reload()
    }
  }
  return (
    <View className='ght-card'>
      <Text className='aid__heading'>为本工会会员代办</Text>
      <Text className='aid__weak'>职工本人同意后，您才能替他填写。</Text>
      {unions.length > 1 && <Choices label='工会' value={unionId} options={unions} onChange={setUnionId} />}
      {note && <Text className='aid__line'>{note}</Text>}
      <ActionView state={candidates} isEmpty={(d) => d.items.length === 0} emptyMessage='本工会还没有其他会员'>
        {(d) => (
          <View>
            {d.items.map((c) => {
              // a request sent a moment ago counts as pending until the list comes back saying so
              const asked = c.asked === null && sent.has(c.roleId) ? 'pending' : c.asked
              return (
                <View key={c.roleId} className='aid__row aid__candidate'>
                  <View className='aid__row-main'>
                    <Text className='aid__line aid__candidate-name'>{c.name}</Text>
                    <Text className='aid__weak'>{c.unit}</Text>
                    <Text className='aid__weak'>{[c.job, c.since].filter(Boolean).join(' · ')}</Text>
                  </View>
                  {asked === 'pending' ? (
                    <Button className='ght-button' disabled>
                      已发送
                    </Button>
                  ) : asked === 'accepted' ? (
                    <Text className='aid__tag'>已同意代办</Text>
                  ) : (
                    <Button className='ght-button' disabled={sending !== null} loading={sending === c.roleId} onClick={() => void ask(c.roleId)}>
                      {sending === c.roleId ? '发送中' : asked === 'declined' ? '再次请求' : '请求代办'}
                    </Button>
                  )}
                </View>
              )
            })}
          </View>
        )}
      </ActionView>
    </View>
  )
}
