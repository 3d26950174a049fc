import { defineActions } from '../contract/action'
import { UpdateNicknameInput, UpdateNicknameOutput, WhoamiInput, WhoamiOutput } from './schemas'

/** The `account` cloud function: the account behind a WeChat identity. Profile details live in membership. */
export const accountActions = defineActions('account', {
  whoami: [WhoamiInput, WhoamiOutput],
  updateNickname: [UpdateNicknameInput, UpdateNicknameOutput],
})
