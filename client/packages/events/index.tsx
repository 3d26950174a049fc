import PlaceholderPage from '../../components/PlaceholderPage'

export default function EventsIndex() {
  return <PlaceholderPage title='工会活动' />
}
