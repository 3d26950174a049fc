import aboutPages from './packages/about/pages'
import adminPages from './packages/admin/pages'
import aidPages from './packages/aid/pages'
import eventsPages from './packages/events/pages'
import inboxPages from './packages/inbox/pages'
import membershipPages from './packages/membership/pages'
import reviewPages from './packages/review/pages'
import statsPages from './packages/stats/pages'

/**
 * The main package holds only the three tabs. Every domain is a subpackage whose page list lives
 * in its own `packages/<domain>/pages.ts`, so a domain adds pages without touching this file.
 */
const subPackage = (name: string, pages: readonly string[]) => ({ root: `packages/${name}`, name, pages: [...pages] })

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/events/index', 'pages/me/index'],
  subPackages: [
    subPackage('membership', membershipPages),
    subPackage('review', reviewPages),
    subPackage('inbox', inboxPages),
    subPackage('events', eventsPages),
    subPackage('aid', aidPages),
    subPackage('about', aboutPages),
    subPackage('admin', adminPages),
    subPackage('stats', statsPages),
  ],
  // Fetch the packages a person most likely opens next while they read the tab.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['membership', 'review'] },
    'pages/events/index': { network: 'all', packages: ['events'] },
    'pages/me/index': { network: 'all', packages: ['inbox'] },
  },
  window: {
    navigationBarTitleText: '工会通',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#595959',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // Icons drawn by scripts/icons.ts (WeChat's tab bar takes PNG only).
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/events/index', text: '活动', iconPath: 'assets/tab/events.png', selectedIconPath: 'assets/tab/events-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
