import { SimulatedPhone } from './simulatedPhone'
import { BUILD_LIMIT_MS, ensureProductionWeappBuild } from './weappBuild'

/**
 * A SimulatedPhone running the production weapp build, launched once for the test file (building it
 * first when needed); each test starts with no cloud calls, navigations or storage left from the last.
 * Call at the top of a test file: it registers the file's beforeAll and beforeEach.
 */
export function shippedPhone(): SimulatedPhone {
  const phone = new SimulatedPhone(17)
  beforeAll(() => {
    ensureProductionWeappBuild()
    phone.launch()
  }, BUILD_LIMIT_MS)
  beforeEach(() => {
    phone.cloudCalls.length = 0
    phone.navigations.length = 0
    phone.storage.clear()
  })
  return phone
}
