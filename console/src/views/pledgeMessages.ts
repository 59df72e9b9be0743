// Labels of the center's pledge registrations (质押登记), kept beside the view so that messages.ts stays as it is.
import type { Lang } from '../i18n';

const zh = {
  waitingRegistrations: '待运营中心办理的质押登记',
  help: '以下质押融资已获金融机构批准，并委托本中心向国家知识产权局办理专利权质押登记。登记后质权人为金融机构。',
  deal: '质押融资', pledgor: '出质人', financier: '质权人（金融机构）', patents: '质押专利', principal: '本金', approvedOn: '批准日', waiting: '已等待',
  days: (n: number) => `${n} 天`,
  record: '录入登记', recordTitle: '录入质押登记', registrationNumber: '质押登记号', registeredOn: '登记日',
  registrationNumberHelp: '国家知识产权局出具的质押登记号：6–40 位字母、数字或连字符。',
  badNumber: '登记号应为 6–40 位字母、数字或连字符。', recorded: '质押登记已录入，专利已设定质权', none: '暂无待办理的质押登记',
};
type PledgeMessages = typeof zh;

const en: PledgeMessages = {
  waitingRegistrations: 'Pledge registrations waiting on the center',
  help: 'These pledge loans are approved by the financier, and the parties asked this center to file the patent pledge registration with CNIPA. Once registered, the financier is the pledgee.',
  deal: 'Pledge deal', pledgor: 'Pledgor', financier: 'Pledgee (financier)', patents: 'Pledged patents', principal: 'Principal', approvedOn: 'Approved on', waiting: 'Waiting',
  days: (n: number) => `${n} day${n === 1 ? '' : 's'}`,
  record: 'Record registration', recordTitle: 'Record the pledge registration', registrationNumber: 'Registration number', registeredOn: 'Registered on',
  registrationNumberHelp: 'The pledge registration number CNIPA issued: 6 to 40 letters, digits or hyphens.',
  badNumber: 'A registration number is 6 to 40 letters, digits or hyphens.', recorded: 'Registration recorded; the patents are pledged', none: 'No pledge registration waiting',
};

export const pledgeMessages: Record<Lang, PledgeMessages> = { zh, en };
