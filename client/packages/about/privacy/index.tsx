import { Text, View } from '@tarojs/components'
import PageShell from '../../../components/PageShell'
import './index.scss'

interface Section {
  heading: string
  lines: string[]
}

// Plain-language notice (个人信息保护法 第17条: purpose, data, retention, rights). The binding text is
// the 用户隐私保护指引 declared in the WeChat admin console; this page must say the same.
const sections: Section[] = [
  {
    heading: '我们收集什么',
    lines: [
      '您的微信身份标识（用来认出是您本人，我们看不到您的微信号和聊天内容）和您填写的昵称。',
      '您申请入会、帮扶或报名活动时主动填写的内容。',
      '身份证号、银行卡号、病情和孩子的信息，只在您申请需要它的帮扶项目时收集，收集前会单独征得您的同意。',
    ],
  },
  {
    heading: '用来做什么',
    lines: ['办理入会、转会、帮扶、助学和活动报名，并把审批结果通知您。不做广告，不卖给任何人。'],
  },
  {
    heading: '怎样保护',
    lines: [
      '敏感信息加密保存，页面上只显示部分号码。',
      '只有负责审核您申请的工会工作人员能查看完整信息，每次查看都会留下记录。',
      '公示名单只显示姓名、单位、帮扶类别和金额。',
    ],
  },
  {
    heading: '保存多久',
    lines: ['办理完成后只保存规定需要的时间，到期删除。'],
  },
  {
    heading: '您的权利',
    lines: ['您可以查看、更正您的信息，也可以撤回同意或要求删除。请联系您所在的工会办理。'],
  },
]

export default function Privacy() {
  return (
    <PageShell title='隐私说明' back>
      {sections.map((section) => (
        <View key={section.heading} className='ght-card privacy__section'>
          <Text className='privacy__heading'>{section.heading}</Text>
          {section.lines.map((line) => (
            <Text key={line} className='privacy__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </PageShell>
  )
}
