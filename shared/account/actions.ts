import { defineActions } from '../contract/action'
import { MyAccessLogInput, MyAccessLogOutput, MyConsentsInput, MyConsentsOutput, WithdrawConsentInput, WithdrawConsentOutput } from './privacy'
import { whoamiActions } from './schemas'

/** The `account` cloud function: the account behind a WeChat identity. Profile details live in membership. */
export const accountActions = {
  ...whoamiActions,
  ...defineActions('account', {
    /** 隐私与授权: the consents I gave, withdrawing one, and who viewed my sensitive data */
    myConsents: [MyConsentsInput, MyConsentsOutput],
    withdrawConsent: [WithdrawConsentInput, WithdrawConsentOutput],
    myAccessLog: [MyAccessLogInput, MyAccessLogOutput],
  }),
}
