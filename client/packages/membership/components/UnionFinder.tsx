import { Input, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { membershipActions } from '../../../../shared/membership'
import { unionActions, type UnionSummary } from '../../../../shared/union'
import ActionView from '../../../components/ActionView'
import FieldError from '../../../components/FieldError'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import UnionList from './UnionList'
import '../../../components/form/form.scss'

export interface UnionFinderProps {
  onPick: (union: UnionSummary) => void
  verb: string
  /** hide a union (e.g. the one a member already belongs to) */
  excludeId?: string
}

/**
 * Three ways to find a union: suggestions from the profile (own employer, 新就业形态, 属地),
 * a search by name, and the street/town federations for workers whose employer has no union.
 */
export default function UnionFinder({ onPick, verb, excludeId }: UnionFinderProps) {
  const suggestions = useAction(membershipActions.suggestUnions, {})
  const [keyword, setKeyword] = useState('')
  const [found, setFound] = useState<UnionSummary[] | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [searching, setSearching] = useState(false)
  const keep = (u: UnionSummary) => u._id !== excludeId

  async function search() {
    if (searching) return
    setSearching(true)
    setError(null)
    const res = await call(unionActions.search, { keyword })
    setSearching(false)
    if (res.ok) setFound(res.data.items)
    else setError(res.error)
  }

  return (
    <View>
      <View className='ght-card'>
        <Text className='mb__heading'>为您推荐</Text>
        <ActionView state={suggestions} isEmpty={(d) => d.items.filter((s) => keep(s.union)).length === 0} emptyMessage='完善个人信息后，这里会推荐适合您的工会'>
          {(d) => <UnionList verb={verb} onPick={onPick} items={d.items.filter((s) => keep(s.union)).map((s) => ({ union: s.union, note: s.matchLabel }))} />}
        </ActionView>
      </View>

      <View className='ght-card'>
        <Text className='mb__heading'>按名称查找</Text>
        <Input className='ght-form__input' value={keyword} placeholder='输入单位或工会名称，如：建筑' ariaLabel='单位或工会名称' onInput={(e) => setKeyword(e.detail.value)} onConfirm={search} />
        <FieldError fields={error?.fields} name='keyword' />
        {error && !error.fields && <Text className='mb__error'>{error.message}</Text>}
        <View className='mb__actions'>
          <Button className='ght-button' disabled={searching} onClick={search}>
            查找
          </Button>
        </View>
        {found && (found.filter(keep).length ? <UnionList verb={verb} onPick={onPick} items={found.filter(keep).map((union) => ({ union }))} /> : <Text className='mb__weak'>没有找到，请换个关键词，或在下面按所在街道加入</Text>)}
      </View>

      <TerritoryList onPick={onPick} verb={verb} keep={keep} />
    </View>
  )
}

/** 属地: street/town federations and 新就业形态 federations, for workers whose employer has no union. */
function TerritoryList({ onPick, verb, keep }: { onPick: (u: UnionSummary) => void; verb: string; keep: (u: UnionSummary) => boolean }) {
  const top = useAction(unionActions.getTree, {})
  return (
    <View className='ght-card'>
      <Text className='mb__heading'>单位没有工会？按所在街道加入</Text>
      <Text className='mb__weak'>单位还没有成立工会的，可以加入居住地或工作地的街道（乡镇）工会联合会；骑手、快递员、网约车司机可以加入新就业形态工会联合会。</Text>
      <ActionView state={top} isEmpty={(d) => d.children.length === 0} emptyMessage='暂时没有可加入的街道工会'>
        {(d) => d.children.map((root) => <StreetList key={root._id} parentId={root._id} onPick={onPick} verb={verb} keep={keep} />)}
      </ActionView>
    </View>
  )
}

function StreetList({ parentId, onPick, verb, keep }: { parentId: string; onPick: (u: UnionSummary) => void; verb: string; keep: (u: UnionSummary) => boolean }) {
  const streets = useAction(unionActions.getTree, { parentId, limit: 50 })
  const pick = (children: UnionSummary[]) => children.filter((u) => u.level === 'street' && keep(u))
  return (
    <ActionView state={streets} isEmpty={(d) => pick(d.children).length === 0} emptyMessage='暂时没有可加入的街道工会'>
      {(d) => <UnionList verb={verb} onPick={onPick} items={pick(d.children).map((union) => ({ union }))} />}
    </ActionView>
  )
}
