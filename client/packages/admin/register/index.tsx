import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { AppErrorShape } from '../../../../shared/contract'
import { unionActions } from '../../../../shared/union'
import ActionView from '../../../components/ActionView'
import Field from '../../../components/form/Field'
import PageShell from '../../../components/PageShell'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/api'
import { openPage } from '../../../services/navigation'
import '../admin.scss'

const blank = { name: '', employer: '', creditCode: '', address: '', region: '', industry: '', employeeCount: '' }

/** 建会登记: federation staff register a grassroots union under their federation, then invite its chair. */
export default function Register() {
  const { params } = useRouter()
  const parentId = params.parentId ? decodeURIComponent(params.parentId) : ''
  const parent = useAction(unionActions.getOffice, { unionId: parentId })
  const [form, setForm] = useState(blank)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof blank) => (value: string) => setForm((f) => ({ ...f, [key]: value }))

  const submit = async () => {
    setBusy(true)
    setError(null)
    const count = Number(form.employeeCount)
    const result = await call(unionActions.registerUnion, {
      parentId,
      ...form,
      employeeCount: form.employeeCount.trim() && Number.isFinite(count) ? count : Number.NaN,
    })
    setBusy(false)
    if (result.ok) openPage(`/packages/admin/union/index?id=${result.data.unionId}`)
    else setError(result.error)
  }

  return (
    <PageShell title='登记建会' back>
      <ActionView state={parent}>
        {(p) => (
          <View>
            <Text className='ad__weak' style={{ margin: '0 1rem' }}>
              上级工会：{p.union.name}
            </Text>
            <View className='ght-card'>
              <Field label='工会名称' name='name' value={form.name} onChange={set('name')} fields={error?.fields} placeholder='例如：北京某某有限公司工会' maxlength={40} />
              <Field label='单位名称' name='employer' value={form.employer} onChange={set('employer')} fields={error?.fields} placeholder='与营业执照一致' maxlength={60} />
              <Field label='统一社会信用代码' name='creditCode' value={form.creditCode} onChange={set('creditCode')} fields={error?.fields} placeholder='营业执照上的18位代码' maxlength={24} />
              <Field label='单位地址' name='address' value={form.address} onChange={set('address')} fields={error?.fields} placeholder='街道门牌号' maxlength={100} />
              <Field label='属地' name='region' value={form.region} onChange={set('region')} fields={error?.fields} placeholder='所在街道或乡镇' maxlength={40} />
              <Field label='所属行业' name='industry' value={form.industry} onChange={set('industry')} fields={error?.fields} placeholder='例如：建筑业' maxlength={30} />
              <Field label='职工人数' name='employeeCount' type='number' value={form.employeeCount} onChange={set('employeeCount')} fields={error?.fields} placeholder='在职职工总数' maxlength={7} />
            </View>
            {error && <Text className='ad__error'>{error.message}</Text>}
            <View className='ad__actions'>
              <Button className='ght-button ght-button--primary' loading={busy} onClick={submit}>
                登记建会
              </Button>
            </View>
          </View>
        )}
      </ActionView>
    </PageShell>
  )
}
