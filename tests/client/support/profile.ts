import type { ProfileView } from '../../../shared/membership'

/** Someone who has signed in and filled nothing yet: the profile the app starts from. */
export const emptyProfile: ProfileView = {
  name: '',
  phoneMasked: null,
  idNumberMasked: null,
  gender: null,
  workerType: 'employee',
  migrant: false,
  employer: '',
  job: '',
  area: '',
  consents: { privacy_policy: false, id_number: false },
  complete: false,
  missing: ['同意个人信息保护说明'],
}
