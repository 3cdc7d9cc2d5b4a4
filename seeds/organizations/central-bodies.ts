import type { OrganizationDictionaryEntry } from '../../libs/plan-parser/src/organization-dictionary';

/**
 * Central bodies that plans name as lead units. `shortNames` are the forms the NDRC uses in the
 * lead-unit lists of its plans (国家发展改革委, 住房城乡建设部, 应急部, 国家移民局 …); `aliases`
 * are what people write elsewhere (发改委, 住建部), plus the names of predecessor bodies whose
 * work the entry took over in the 2018 and 2023 reforms, so that older plans still resolve to
 * the organization that now owns the task.
 *
 * Bare names that every province also gives its own department (统计局, 医保局, 国资委, 网信办,
 * 卫健委) are deliberately not aliases: a provincial plan writing them means its own department,
 * and resolving them to the centre would hand a provincial task to a ministry. The few bare forms
 * kept (发改委, 气象局, 地震局, 外汇局) are the ones people habitually use for the central body.
 */

/** The 26 constituent departments of the State Council (2023 composition). */
const MINISTRIES: readonly OrganizationDictionaryEntry[] = [
  { code: 'MFA', name: '外交部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MND', name: '国防部', kind: 'central', shortNames: [], aliases: [] },
  {
    code: 'NDRC',
    name: '国家发展和改革委员会',
    kind: 'central',
    shortNames: ['国家发展改革委'],
    aliases: ['发改委', '国家发改委', '发展改革委'],
  },
  { code: 'MOE', name: '教育部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MOST', name: '科学技术部', kind: 'central', shortNames: ['科技部'], aliases: [] },
  // NDRC lists spell this ministry out in full, so the full name doubles as its written form.
  { code: 'MIIT', name: '工业和信息化部', kind: 'central', shortNames: [], aliases: ['工信部'] },
  {
    code: 'NEAC',
    name: '国家民族事务委员会',
    kind: 'central',
    shortNames: ['国家民委'],
    aliases: [],
  },
  { code: 'MPS', name: '公安部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MSS', name: '国家安全部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MCA', name: '民政部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MOJ', name: '司法部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MOF', name: '财政部', kind: 'central', shortNames: [], aliases: [] },
  {
    code: 'MOHRSS',
    name: '人力资源和社会保障部',
    kind: 'central',
    shortNames: ['人力资源社会保障部'],
    aliases: ['人社部'],
  },
  {
    code: 'MNR',
    name: '自然资源部',
    kind: 'central',
    shortNames: [],
    aliases: ['国土资源部', '国土部', '国家海洋局'],
  },
  {
    code: 'MEE',
    name: '生态环境部',
    kind: 'central',
    shortNames: [],
    aliases: ['环境保护部', '环保部'],
  },
  {
    code: 'MOHURD',
    name: '住房和城乡建设部',
    kind: 'central',
    shortNames: ['住房城乡建设部'],
    aliases: ['住建部'],
  },
  { code: 'MOT', name: '交通运输部', kind: 'central', shortNames: [], aliases: ['交通部'] },
  { code: 'MWR', name: '水利部', kind: 'central', shortNames: [], aliases: [] },
  { code: 'MARA', name: '农业农村部', kind: 'central', shortNames: [], aliases: ['农业部'] },
  { code: 'MOFCOM', name: '商务部', kind: 'central', shortNames: [], aliases: [] },
  {
    code: 'MCT',
    name: '文化和旅游部',
    kind: 'central',
    shortNames: [],
    aliases: ['文旅部', '文化部', '国家旅游局'],
  },
  {
    code: 'NHC',
    name: '国家卫生健康委员会',
    kind: 'central',
    shortNames: ['国家卫生健康委'],
    aliases: ['国家卫健委', '国家卫生计生委', '国家卫生和计划生育委员会'],
  },
  {
    code: 'MVA',
    name: '退役军人事务部',
    kind: 'central',
    shortNames: [],
    aliases: ['退役军人部'],
  },
  {
    code: 'MEM',
    name: '应急管理部',
    kind: 'central',
    shortNames: ['应急部'],
    aliases: ['国家安全生产监督管理总局', '国家安全监管总局'],
  },
  {
    code: 'PBC',
    name: '中国人民银行',
    kind: 'central',
    shortNames: ['人民银行'],
    aliases: ['人行', '央行'],
  },
  { code: 'NAO', name: '审计署', kind: 'central', shortNames: [], aliases: ['国家审计署'] },
];

/** The special body, the bodies and institutions directly under the State Council, and its offices. */
const STATE_COUNCIL_BODIES: readonly OrganizationDictionaryEntry[] = [
  {
    code: 'SASAC',
    name: '国务院国有资产监督管理委员会',
    kind: 'central',
    shortNames: ['国务院国资委'],
    aliases: [],
  },
  { code: 'GOSC', name: '国务院办公厅', kind: 'central', shortNames: [], aliases: ['国办'] },
  { code: 'GACC', name: '海关总署', kind: 'central', shortNames: [], aliases: [] },
  {
    code: 'STA',
    name: '国家税务总局',
    kind: 'central',
    shortNames: ['税务总局'],
    aliases: [],
  },
  {
    code: 'SAMR',
    name: '国家市场监督管理总局',
    kind: 'central',
    shortNames: ['市场监管总局'],
    aliases: ['国家市场监管总局', '国家工商行政管理总局', '国家工商总局'],
  },
  {
    // Took over the work of 银保监会 in 2023; plans from 2021–2022 still name the old body.
    code: 'NFRA',
    name: '国家金融监督管理总局',
    kind: 'central',
    shortNames: ['金融监管总局'],
    aliases: ['国家金融监管总局', '中国银行保险监督管理委员会', '中国银保监会', '银保监会'],
  },
  {
    code: 'CSRC',
    name: '中国证券监督管理委员会',
    kind: 'central',
    shortNames: ['中国证监会'],
    aliases: ['证监会'],
  },
  {
    code: 'NRTA',
    name: '国家广播电视总局',
    kind: 'central',
    shortNames: ['广电总局'],
    aliases: ['国家广电总局'],
  },
  {
    code: 'GAS',
    name: '国家体育总局',
    kind: 'central',
    shortNames: ['体育总局'],
    aliases: [],
  },
  { code: 'NPAB', name: '国家信访局', kind: 'central', shortNames: [], aliases: [], parentCode: 'GOSC' },
  { code: 'NBS', name: '国家统计局', kind: 'central', shortNames: [], aliases: [] },
  { code: 'CNIPA', name: '国家知识产权局', kind: 'central', shortNames: [], aliases: [] },
  {
    code: 'CIDCA',
    name: '国家国际发展合作署',
    kind: 'central',
    shortNames: [],
    aliases: ['国际发展合作署'],
  },
  {
    code: 'NHSA',
    name: '国家医疗保障局',
    kind: 'central',
    shortNames: ['国家医保局'],
    aliases: [],
  },
  {
    code: 'GOA',
    name: '国家机关事务管理局',
    kind: 'central',
    shortNames: ['国管局'],
    aliases: [],
  },
  {
    // Since 2023 it is the Party's 中央港澳工作办公室, keeping the State Council name as a second name.
    code: 'HKMAO',
    name: '国务院港澳事务办公室',
    kind: 'central',
    shortNames: ['国务院港澳办'],
    aliases: ['港澳办', '中央港澳工作办公室', '中央港澳办'],
  },
  {
    // One body with two names: the Party's 中央台湾工作办公室 and the State Council's office.
    code: 'TAO',
    name: '国务院台湾事务办公室',
    kind: 'central',
    shortNames: ['国务院台办'],
    aliases: ['国台办', '中共中央台湾工作办公室', '中央台办'],
  },
  {
    code: 'DRC',
    name: '国务院发展研究中心',
    kind: 'central',
    shortNames: [],
    aliases: ['国研中心'],
  },
  { code: 'CAS', name: '中国科学院', kind: 'central', shortNames: ['中科院'], aliases: [] },
  {
    code: 'CASS',
    name: '中国社会科学院',
    kind: 'central',
    shortNames: ['中国社科院'],
    aliases: [],
  },
  { code: 'CAE', name: '中国工程院', kind: 'central', shortNames: [], aliases: [] },
  {
    code: 'CMA',
    name: '中国气象局',
    kind: 'central',
    shortNames: [],
    aliases: ['气象局', '国家气象局'],
  },
  { code: 'XINHUA', name: '新华通讯社', kind: 'central', shortNames: ['新华社'], aliases: [] },
  {
    code: 'CMG',
    name: '中央广播电视总台',
    kind: 'central',
    shortNames: [],
    aliases: ['中央广电总台'],
  },
];

/** National bureaus administered by a ministry; `parentCode` names that ministry. */
const ADMINISTERED_BUREAUS: readonly OrganizationDictionaryEntry[] = [
  {
    code: 'NFSRA',
    name: '国家粮食和物资储备局',
    kind: 'central',
    shortNames: ['国家粮食和储备局'],
    aliases: ['国家粮储局'],
    parentCode: 'NDRC',
  },
  { code: 'NEA', name: '国家能源局', kind: 'central', shortNames: [], aliases: [], parentCode: 'NDRC' },
  { code: 'NDA', name: '国家数据局', kind: 'central', shortNames: [], aliases: [], parentCode: 'NDRC' },
  {
    code: 'SASTIND',
    name: '国家国防科技工业局',
    kind: 'central',
    shortNames: ['国防科工局'],
    aliases: ['国家国防科工局'],
    parentCode: 'MIIT',
  },
  // The space and atomic-energy agencies are the same office as 国防科工局 under their international names.
  { code: 'CNSA', name: '国家航天局', kind: 'central', shortNames: [], aliases: [], parentCode: 'SASTIND' },
  {
    code: 'CAEA',
    name: '国家原子能机构',
    kind: 'central',
    shortNames: [],
    aliases: [],
    parentCode: 'SASTIND',
  },
  {
    code: 'STMA',
    name: '国家烟草专卖局',
    kind: 'central',
    shortNames: ['国家烟草局'],
    aliases: [],
    parentCode: 'MIIT',
  },
  {
    code: 'NIA',
    name: '国家移民管理局',
    kind: 'central',
    shortNames: ['国家移民局'],
    aliases: [],
    parentCode: 'MPS',
  },
  {
    code: 'NFGA',
    name: '国家林业和草原局',
    kind: 'central',
    shortNames: ['国家林草局'],
    aliases: ['国家林业局'],
    parentCode: 'MNR',
  },
  { code: 'NRA', name: '国家铁路局', kind: 'central', shortNames: [], aliases: [], parentCode: 'MOT' },
  {
    code: 'CAAC',
    name: '中国民用航空局',
    kind: 'central',
    shortNames: ['中国民航局', '民航局'],
    aliases: ['中国民航', '民航总局'],
    parentCode: 'MOT',
  },
  { code: 'SPB', name: '国家邮政局', kind: 'central', shortNames: [], aliases: [], parentCode: 'MOT' },
  { code: 'NCHA', name: '国家文物局', kind: 'central', shortNames: [], aliases: [], parentCode: 'MCT' },
  {
    code: 'NATCM',
    name: '国家中医药管理局',
    kind: 'central',
    shortNames: ['国家中医药局'],
    aliases: [],
    parentCode: 'NHC',
  },
  {
    code: 'NDCPA',
    name: '国家疾病预防控制局',
    kind: 'central',
    shortNames: ['国家疾控局'],
    aliases: [],
    parentCode: 'NHC',
  },
  {
    code: 'NMSA',
    name: '国家矿山安全监察局',
    kind: 'central',
    shortNames: ['国家矿山安监局'],
    aliases: [],
    parentCode: 'MEM',
  },
  {
    code: 'NFRS',
    name: '国家消防救援局',
    kind: 'central',
    shortNames: [],
    aliases: [],
    parentCode: 'MEM',
  },
  // Administered by 应急管理部 since 2018.
  {
    code: 'CEA',
    name: '中国地震局',
    kind: 'central',
    shortNames: [],
    aliases: ['地震局', '国家地震局'],
    parentCode: 'MEM',
  },
  {
    code: 'SAFE',
    name: '国家外汇管理局',
    kind: 'central',
    shortNames: ['国家外汇局'],
    aliases: ['外汇局'],
    parentCode: 'PBC',
  },
  {
    code: 'NMPA',
    name: '国家药品监督管理局',
    kind: 'central',
    shortNames: ['国家药监局'],
    aliases: [],
    parentCode: 'SAMR',
  },
  {
    // Merged back into 农业农村部 in 2023, but 2021–2022 plans name it as a lead unit. It took over
    // from 国务院扶贫办 in 2021, so the older name resolves here too.
    code: 'NRRA',
    name: '国家乡村振兴局',
    kind: 'central',
    shortNames: [],
    aliases: ['国务院扶贫开发领导小组办公室', '国务院扶贫办'],
    parentCode: 'MARA',
  },
];

/**
 * Party-centre bodies that appear as lead units. Names carry the 中共中央 prefix where that is the
 * official form; the 中央… forms are what plans write.
 */
const PARTY_BODIES: readonly OrganizationDictionaryEntry[] = [
  {
    code: 'OD',
    name: '中共中央组织部',
    kind: 'central',
    shortNames: ['中央组织部'],
    aliases: ['中组部'],
  },
  {
    code: 'PD',
    name: '中共中央宣传部',
    kind: 'central',
    shortNames: ['中央宣传部'],
    aliases: ['中宣部'],
  },
  {
    // Also the State Council Information Office; housed in 中宣部 since 2018.
    code: 'SCIO',
    name: '国务院新闻办公室',
    kind: 'central',
    shortNames: ['国务院新闻办'],
    aliases: ['国新办'],
    parentCode: 'PD',
  },
  {
    code: 'UFWD',
    name: '中共中央统一战线工作部',
    kind: 'central',
    shortNames: ['中央统战部'],
    aliases: ['中央统一战线工作部'],
  },
  {
    code: 'IDCPC',
    name: '中共中央对外联络部',
    kind: 'central',
    shortNames: ['中联部'],
    aliases: ['中央对外联络部'],
  },
  {
    code: 'CPLAC',
    name: '中共中央政法委员会',
    kind: 'central',
    shortNames: ['中央政法委'],
    aliases: ['中央政法委员会'],
  },
  {
    // One body with two names; plans write 中央网信办 for lead units and 国家网信办 in regulations.
    code: 'CAC',
    name: '中央网络安全和信息化委员会办公室',
    kind: 'central',
    shortNames: ['中央网信办'],
    aliases: ['国家互联网信息办公室', '国家网信办'],
  },
  {
    code: 'SCOPSR',
    name: '中央机构编制委员会办公室',
    kind: 'central',
    shortNames: ['中央编办'],
    aliases: [],
  },
  {
    code: 'CFEAC',
    name: '中央财经委员会办公室',
    kind: 'central',
    shortNames: ['中央财办'],
    aliases: [],
  },
  {
    code: 'CFAC',
    name: '中央外事工作委员会办公室',
    kind: 'central',
    shortNames: ['中央外办'],
    aliases: [],
  },
  {
    // Housed in 农业农村部, but it acts in its own name in rural-revitalisation plans.
    code: 'ORWLG',
    name: '中央农村工作领导小组办公室',
    kind: 'central',
    shortNames: ['中央农办'],
    aliases: [],
  },
  {
    code: 'SWD',
    name: '中共中央社会工作部',
    kind: 'central',
    shortNames: ['中央社会工作部'],
    aliases: ['中央社工部'],
  },
  {
    code: 'CFC',
    name: '中央金融委员会办公室',
    kind: 'central',
    shortNames: ['中央金融办'],
    aliases: [],
  },
];

/** Other central organs that plans name as lead units. */
const OTHER_CENTRAL_ORGANS: readonly OrganizationDictionaryEntry[] = [
  // Under the People's Armed Police since 2018, which is not a plan lead unit, hence no parent.
  { code: 'CCG', name: '中国海警局', kind: 'central', shortNames: [], aliases: [] },
  {
    code: 'CAST',
    name: '中国科学技术协会',
    kind: 'central',
    shortNames: ['中国科协'],
    aliases: [],
  },
];

/** Central enterprises that lead infrastructure and energy tasks in regional plans. */
const CENTRAL_ENTERPRISES: readonly OrganizationDictionaryEntry[] = [
  {
    code: 'CR',
    name: '中国国家铁路集团有限公司',
    kind: 'central',
    shortNames: ['国铁集团', '中国国家铁路集团'],
    aliases: ['中国铁路总公司'],
  },
  {
    code: 'SGCC',
    name: '国家电网有限公司',
    kind: 'central',
    shortNames: ['国家电网'],
    aliases: ['国家电网公司', '国网'],
  },
  {
    code: 'CSG',
    name: '中国南方电网有限责任公司',
    kind: 'central',
    shortNames: ['南方电网'],
    aliases: ['南方电网公司', '南网'],
  },
  {
    code: 'CNPC',
    name: '中国石油天然气集团有限公司',
    kind: 'central',
    shortNames: ['中国石油'],
    aliases: ['中石油'],
  },
  {
    code: 'SINOPEC',
    name: '中国石油化工集团有限公司',
    kind: 'central',
    shortNames: ['中国石化'],
    aliases: ['中石化'],
  },
  {
    code: 'CNOOC',
    name: '中国海洋石油集团有限公司',
    kind: 'central',
    shortNames: ['中国海油'],
    aliases: ['中海油'],
  },
  {
    code: 'PIPECHINA',
    name: '国家石油天然气管网集团有限公司',
    kind: 'central',
    shortNames: ['国家管网集团'],
    aliases: ['国家管网'],
  },
  {
    code: 'CTG',
    name: '中国长江三峡集团有限公司',
    kind: 'central',
    shortNames: ['三峡集团'],
    aliases: [],
  },
  {
    code: 'CHINAPOST',
    name: '中国邮政集团有限公司',
    kind: 'central',
    shortNames: ['中国邮政'],
    aliases: ['中国邮政集团'],
  },
];

export const CENTRAL_BODIES: readonly OrganizationDictionaryEntry[] = [
  ...MINISTRIES,
  ...STATE_COUNCIL_BODIES,
  ...ADMINISTERED_BUREAUS,
  ...PARTY_BODIES,
  ...OTHER_CENTRAL_ORGANS,
  ...CENTRAL_ENTERPRISES,
];
