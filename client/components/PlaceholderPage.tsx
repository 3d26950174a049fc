import PageShell from './PageShell'
import StateView from './StateView'

/** A page whose feature is still being built: says so plainly and offers the way back. */
export default function PlaceholderPage({ title }: { title: string }) {
  return (
    <PageShell title={title} back>
      <StateView state='empty' message='功能建设中，敬请期待' />
    </PageShell>
  )
}
