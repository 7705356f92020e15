/**
 * Every interface string, in both languages. Catalogue content carries its own zh/en text;
 * this file holds only the chrome around it. Adding a key to `en` without `zh` fails typecheck.
 */
import { dashboardMessages } from "./dashboard";

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  appName: "codewatch",
  skipToContent: "Skip to content",
  nav: {
    label: "Main",
    overview: "Overview",
    codes: "Codes",
    incidents: "Incidents",
    settings: "Settings",
  },
  language: { label: "Language", zh: "中文", en: "English" },
  theme: { label: "Theme", system: "System", light: "Light", dark: "Dark" },
  notYet: {
    title: "Not built yet",
    overview:
      "Charts of how often each code happens, spikes and top movers arrive with telemetry ingestion. Until then, the code catalogue is ready.",
    incidents: "Alerts and incidents with a first diagnosis arrive with the alerting work.",
    settings:
      "Projects, API keys, users and notification channels arrive with accounts and alerting.",
    goToCodes: "Open the code catalogue",
  },
  codes: {
    title: "Error codes",
    intro:
      "Look a code up by its number, Chinese or English words, or the exception text from a log.",
    searchLabel: "Search codes",
    searchPlaceholder: "50502, 证书, SSLHandshakeException, unable to resolve host…",
    familyLabel: "Family",
    allFamilies: "All families",
    results: (n: number) => (n === 1 ? "1 code" : `${n} codes`),
    noResults: "No code matches. Try a number, fewer words, or another family.",
    loading: "Searching…",
    error: "The search failed. Try again in a moment.",
    unknownCode: "Unknown code",
    unknownCodeExplain:
      "This code arrived from the field but is not in the catalogue yet. Ask engineering what it means.",
  },
  code: {
    back: "All codes",
    seedText: "Text in the SDK table",
    seedAnalysis: "Cause analysis in the SDK table",
    tellUser: "What to tell the user",
    escalateWhen: "Escalate when",
    causes: "Likely causes",
    howToTell: "How to tell",
    opsChecks: "What ops should check",
    exceptions: "Exceptions behind this code",
    exceptionClass: "Class",
    exceptionMessage: "Message",
    related: "Related codes",
    notFound: "No such code",
    notFoundDetail: (code: string) =>
      `Code ${code} is not in the catalogue and has never been reported.`,
  },
  roles: { admin: "Admin", ops: "Ops", support: "Support" },
  auth: {
    title: "Sign in to codewatch",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    signOut: "Sign out",
    invalid: "Wrong email or password.",
    throttled: (seconds: number) => `Too many attempts. Try again in ${seconds} seconds.`,
    locked: "Too many failed sign-ins for this account. Try again in 15 minutes, or ask an admin.",
    disabled: "This account is disabled. Ask an admin.",
    failed: "Sign-in failed. Try again in a moment.",
  },
  forbidden: { title: "Not allowed", detail: "Your role cannot open this page." },
  settings: {
    title: "Settings",
    projects: "Projects",
    projectSlug: "Slug",
    projectName: "Name",
    createProject: "Create project",
    noProjects: "No projects yet.",
    keys: "API keys",
    keysOf: (slug: string) => `API keys of ${slug}`,
    keyName: "Key name",
    scopes: "Scopes",
    createKey: "Create key",
    newKeyTitle: "Copy the key now",
    newKeyHelp: "This is the only time the key is shown. codewatch keeps only a hash of it.",
    copy: "Copy",
    copied: "Copied",
    dismiss: "Done",
    revoke: "Revoke",
    revoked: "Revoked",
    active: "Active",
    prefix: "Key",
    created: "Created",
    lastUsed: "Last used",
    never: "never",
    status: "Status",
    noKeys: "No keys for this project.",
    selectProject: "Project",
    users: "Users",
    userEmail: "Email",
    userRole: "Role",
    userPassword: "Initial password",
    createUser: "Create user",
    disable: "Disable",
    enable: "Enable",
    disabled: "Disabled",
    error: "That did not work",
  },
  dashboard: dashboardMessages.en,
  family: {
    general: "General",
    pairing: "Pairing",
    account: "Account",
    firmware: "Firmware",
    device: "Device status",
    command: "Commands",
    protocol: "Protocol",
    network: "Network",
    unknown: "Unknown",
  },
};

export type Messages = typeof en;

const zh: Messages = {
  appName: "codewatch",
  skipToContent: "跳到正文",
  nav: {
    label: "主导航",
    overview: "概览",
    codes: "错误码",
    incidents: "事件",
    settings: "设置",
  },
  language: { label: "语言", zh: "中文", en: "English" },
  theme: { label: "主题", system: "跟随系统", light: "浅色", dark: "深色" },
  notYet: {
    title: "尚未上线",
    overview:
      "各错误码的频次图表、突增和涨幅榜将随遥测接入一起上线。在此之前，错误码目录已可使用。",
    incidents: "告警与附带初步诊断的事件将随告警功能一起上线。",
    settings: "告警规则、通知渠道与静默将随告警功能一起上线。",
    goToCodes: "打开错误码目录",
  },
  codes: {
    title: "错误码",
    intro: "可按错误码数字、中英文关键词或日志中的异常文本查找。",
    searchLabel: "搜索错误码",
    searchPlaceholder: "50502、证书、SSLHandshakeException、unable to resolve host…",
    familyLabel: "类别",
    allFamilies: "全部类别",
    results: (n: number) => `共 ${n} 个错误码`,
    noResults: "没有匹配的错误码。试试数字、更少的关键词或其他类别。",
    loading: "正在搜索…",
    error: "搜索失败，请稍后重试。",
    unknownCode: "未知错误码",
    unknownCodeExplain: "该错误码来自线上上报，但尚未收录进目录。请向研发确认其含义。",
  },
  code: {
    back: "全部错误码",
    seedText: "SDK 错误码表原文",
    seedAnalysis: "SDK 错误码表中的原因分析",
    tellUser: "如何告诉用户",
    escalateWhen: "何时升级",
    causes: "可能原因",
    howToTell: "如何区分",
    opsChecks: "运维排查项",
    exceptions: "对应的异常",
    exceptionClass: "异常类",
    exceptionMessage: "异常信息",
    related: "相关错误码",
    notFound: "没有这个错误码",
    notFoundDetail: (code: string) => `错误码 ${code} 不在目录中，也从未被上报过。`,
  },
  roles: { admin: "管理员", ops: "运维", support: "客服" },
  auth: {
    title: "登录 codewatch",
    email: "邮箱",
    password: "密码",
    submit: "登录",
    submitting: "正在登录…",
    signOut: "退出登录",
    invalid: "邮箱或密码错误。",
    throttled: (seconds: number) => `尝试次数过多，请 ${seconds} 秒后重试。`,
    locked: "该账户登录失败次数过多，请 15 分钟后重试，或联系管理员。",
    disabled: "该账户已被停用，请联系管理员。",
    failed: "登录失败，请稍后重试。",
  },
  forbidden: { title: "无权访问", detail: "你的角色不能打开此页面。" },
  settings: {
    title: "设置",
    projects: "项目",
    projectSlug: "标识",
    projectName: "名称",
    createProject: "创建项目",
    noProjects: "还没有项目。",
    keys: "API 密钥",
    keysOf: (slug: string) => `${slug} 的 API 密钥`,
    keyName: "密钥名称",
    scopes: "权限范围",
    createKey: "创建密钥",
    newKeyTitle: "请立即复制密钥",
    newKeyHelp: "密钥只显示这一次，codewatch 只保存它的哈希值。",
    copy: "复制",
    copied: "已复制",
    dismiss: "完成",
    revoke: "吊销",
    revoked: "已吊销",
    active: "有效",
    prefix: "密钥",
    created: "创建时间",
    lastUsed: "最近使用",
    never: "从未",
    status: "状态",
    noKeys: "该项目还没有密钥。",
    selectProject: "项目",
    users: "用户",
    userEmail: "邮箱",
    userRole: "角色",
    userPassword: "初始密码",
    createUser: "创建用户",
    disable: "停用",
    enable: "启用",
    disabled: "已停用",
    error: "操作失败",
  },
  dashboard: dashboardMessages.zh,
  family: {
    general: "通用",
    pairing: "配网",
    account: "账户",
    firmware: "固件",
    device: "设备状态",
    command: "指令下发",
    protocol: "协议",
    network: "网络",
    unknown: "未知",
  },
};

export const messages: Record<Locale, Messages> = { zh, en };

export function isLocale(value: string | undefined): value is Locale {
  return value === "zh" || value === "en";
}

/** The locale for an Accept-Language header: Chinese when the browser prefers it, else English. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : first === "" || first.startsWith("zh") ? "zh" : "en";
}

export const LOCALE_COOKIE = "cw-locale";
export const THEME_COOKIE = "cw-theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
