import type { CatalogEntry } from "../types";

export const generalCodes: CatalogEntry[] = [
  {
    code: 101,
    family: "general",
    seedText: "网络异常",
    title: { zh: "网络异常", en: "Network error" },
    summary: {
      zh: "SDK 发起的网络请求失败了，但没有归到更具体的错误码里。一般是手机当时的网络不稳定，或者连不上云端。",
      en: "A network request made by the SDK failed without a more specific code. Usually the phone's connection was unstable at that moment or could not reach the cloud.",
    },
    causes: [
      {
        title: { zh: "网络不稳定或信号弱", en: "Unstable or weak connection" },
        detail: {
          zh: "Wi-Fi 信号弱、Wi-Fi 和移动数据来回切换，或者在电梯、地下室等地方，请求在途中断了。",
          en: "Weak Wi-Fi, switching between Wi-Fi and mobile data, or places like lifts and basements cut the request off half-way.",
        },
        howToTell: {
          zh: "同一个用户时好时坏，换个网络就恢复；同一时段往往还伴有 50408、50503、50505 等网络错误码。",
          en: "The same user sees it on and off and it clears on another network; it usually comes with other network codes such as 50408, 50503 or 50505 in the same period.",
        },
      },
      {
        title: { zh: "当前网络到不了云端", en: "The current network cannot reach the cloud" },
        detail: {
          zh: "手机连着没有外网的 Wi-Fi、需要先网页登录的公共 Wi-Fi，或者被防火墙、VPN、代理拦住了。",
          en: "The phone is on a Wi-Fi without internet access, on a public Wi-Fi that needs a web login first, or is blocked by a firewall, VPN or proxy.",
        },
        howToTell: {
          zh: "手机浏览器也打不开网页，或者会跳到登录页；切换到移动数据后恢复。",
          en: "The phone's browser cannot open web pages either, or lands on a login page; switching to mobile data fixes it.",
        },
      },
      {
        title: { zh: "云端临时故障", en: "Temporary cloud-side problem" },
        detail: {
          zh: "云端接口短时间不可用或响应异常，所有用户的请求都可能失败。",
          en: "The cloud API is briefly unavailable or misbehaving, so requests from every user may fail.",
        },
        howToTell: {
          zh: "很多用户在同一时间出现，而且不局限于某个网络或运营商。",
          en: "Many users see it at the same time, not limited to one network or carrier.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户先确认手机能正常上网（用浏览器打开一个网页试试），关闭 VPN 或代理后重试；Wi-Fi 不稳定时切换到移动数据再试一次。",
      en: "Ask the user to confirm the phone is online (open a web page in the browser), turn off any VPN or proxy and try again; if the Wi-Fi is unstable, switch to mobile data and retry.",
    },
    opsChecks: [
      {
        zh: "看同一时段 101 和 505xx 网络错误码是否一起上升，并按域名、地区、网络类型拆分。",
        en: "Check whether 101 and the 505xx network codes rose together in the same window; split by host, region and network type.",
      },
      {
        zh: "查看 API 域名的拨测和监控：可用性、延迟、错误率。",
        en: "Check synthetic monitoring for the API hosts: availability, latency and error rate.",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，或者集中在某个地区、运营商，或者在一次发布之后明显上升。",
      en: "Many users at once, a cluster in one region or carrier, or a clear rise after a release.",
    },
    relatedCodes: [103, 106, 50500, 50501],
  },
  {
    code: 102,
    family: "general",
    seedText: "json 转义失败",
    title: { zh: "JSON 解析失败", en: "JSON parsing failed" },
    summary: {
      zh: "SDK 收到了响应，但没法把内容转换成预期的 JSON 数据。多半是返回的根本不是接口数据（比如被网络换成了网页），少数情况是 App 和接口的数据格式对不上。",
      en: "The SDK received a response but could not turn it into the JSON it expected. Most often the body was not API data at all (for example a web page injected by the network); less often the app and the API disagree on the format.",
    },
    causes: [
      {
        title: { zh: "响应被网络替换", en: "Response replaced by the network" },
        detail: {
          zh: "公共 Wi-Fi 的登录页、代理或运营商返回了一个 HTML 页面或错误页，而不是接口数据。",
          en: "A public Wi-Fi login page, a proxy or the carrier returned an HTML or error page instead of API data.",
        },
        howToTell: {
          zh: "集中在某个 Wi-Fi 或网络上，换成移动数据就好；同一时段可能还有 50514。",
          en: "Clusters on one Wi-Fi or network and clears on mobile data; 50514 may show up at the same time.",
        },
      },
      {
        title: { zh: "响应不完整", en: "Truncated response" },
        detail: {
          zh: "传输途中网络断开，收到的内容只有一半，无法解析。",
          en: "The connection dropped mid-transfer, so only part of the body arrived and it cannot be parsed.",
        },
        howToTell: {
          zh: "零星出现，通常伴随超时类错误（50408、50503）。",
          en: "Sporadic, usually alongside timeout codes (50408, 50503).",
        },
      },
      {
        title: { zh: "App 与接口格式不一致", en: "App and API format mismatch" },
        detail: {
          zh: "接口返回的数据结构变了，旧版本的 App/SDK 解析不了。",
          en: "The API's response format changed and an older app/SDK version cannot parse it.",
        },
        howToTell: {
          zh: "集中在某个 App 或 SDK 版本，在服务端发布之后开始出现，和网络类型无关。",
          en: "Concentrated on one app or SDK version, starting after a server release, independent of network type.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换一个网络重试（连公共 Wi-Fi 的话，先在浏览器里完成登录），并把 App 升级到最新版本。",
      en: "Ask the user to retry on another network (on public Wi-Fi, complete the login page in the browser first) and to update the app to the latest version.",
    },
    opsChecks: [
      {
        zh: "按 App/SDK 版本和网络类型拆分 102 的数量。",
        en: "Split 102 counts by app/SDK version and network type.",
      },
      {
        zh: "对照服务端发布时间，确认接口响应格式有没有变化。",
        en: "Compare with server release times and check whether the API response format changed.",
      },
    ],
    escalateWhen: {
      zh: "服务端发布后大量出现，或者集中在某一个 App 版本。",
      en: "A surge after a server release, or a concentration on one app version.",
    },
    relatedCodes: [12001, 50514],
  },
  {
    code: 103,
    family: "general",
    seedText: "网络错误，无法访问网络",
    title: { zh: "无法访问网络", en: "No network access" },
    summary: {
      zh: "手机当前完全上不了网：Wi-Fi 和移动数据都没开、开了飞行模式，或者连着的网络没有外网。",
      en: "The phone cannot reach the network at all: Wi-Fi and mobile data are off, airplane mode is on, or the connected network has no internet access.",
    },
    causes: [
      {
        title: { zh: "Wi-Fi 和移动数据都没开", en: "Wi-Fi and mobile data both off" },
        detail: {
          zh: "开了飞行模式，或者 Wi-Fi、移动数据都关闭了。",
          en: "Airplane mode is on, or both Wi-Fi and mobile data are switched off.",
        },
        howToTell: {
          zh: "通常同时出现 50501；其他 App 也上不了网。",
          en: "Usually comes with 50501; other apps are offline too.",
        },
      },
      {
        title: { zh: "连着没有外网的 Wi-Fi", en: "Connected to a Wi-Fi without internet" },
        detail: {
          zh: "例如还连着设备的配网热点，或者家里路由器断网了。",
          en: "For example the phone is still on a device's pairing hotspot, or the home router has lost its internet connection.",
        },
        howToTell: {
          zh: "系统的 Wi-Fi 图标上可能有感叹号或“无法访问互联网”提示；常伴随 50504。",
          en: 'The Wi-Fi icon may show an exclamation mark or "no internet"; often comes with 50504.',
        },
      },
      {
        title: { zh: "App 被禁止联网", en: "The app is not allowed to use the network" },
        detail: {
          zh: "系统的省流量模式、后台数据限制，或者部分手机自带的“联网权限”把 App 的网络关掉了。",
          en: "Data Saver, background data restrictions, or a per-app network permission on some phone brands has cut the app off.",
        },
        howToTell: {
          zh: "其他 App 能上网，只有这个 App 不行。",
          en: "Other apps work; only this app is offline.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户检查是否开了飞行模式、Wi-Fi 或移动数据是否打开，用浏览器打开网页确认能上网；再到系统设置里确认 App 允许使用 WLAN 和移动数据。",
      en: "Ask the user to check airplane mode and that Wi-Fi or mobile data is on, confirm in the browser that web pages open, then check in system settings that the app is allowed to use Wi-Fi and mobile data.",
    },
    opsChecks: [
      {
        zh: "103 通常是用户侧问题；看是否突然大量出现，并按地区和运营商拆分。",
        en: "103 is usually on the user's side; check for a sudden surge and split it by region and carrier.",
      },
      {
        zh: "和同一时段的 50501、50504 走势对比。",
        en: "Compare with the 50501 and 50504 trends in the same window.",
      },
    ],
    escalateWhen: {
      zh: "同一地区或运营商的很多用户同时出现。",
      en: "Many users in the same region or on the same carrier at once.",
    },
    relatedCodes: [101, 50501, 50504, 50505],
  },
  {
    code: 104,
    family: "general",
    seedText: "手机时钟不对 https 证书过期",
    title: {
      zh: "手机时间不准或 HTTPS 证书过期",
      en: "Phone clock wrong or HTTPS certificate expired",
    },
    summary: {
      zh: "HTTPS 证书校验没有通过。最常见的原因是手机时间不准，超出了证书的有效期；也可能是服务器证书真的过期了。",
      en: "The HTTPS certificate check failed. The most common reason is a wrong phone clock that falls outside the certificate's validity period; it can also mean the server certificate really has expired.",
    },
    causes: [
      {
        title: { zh: "手机时间不准", en: "Phone clock is wrong" },
        detail: {
          zh: "手机的日期被改过，或者没有自动同步时间（例如重置、没电之后变成 1970 年或未来的日期），证书在手机看来“还没生效”或“已经过期”。",
          en: 'The phone\'s date was changed or is not synced automatically (for example it shows 1970 or a future date after a reset or a flat battery), so the certificate looks "not yet valid" or "expired" to the phone.',
        },
        howToTell: {
          zh: "只影响个别用户；手机上显示的日期、年份明显不对；改成自动时间后马上恢复。",
          en: "Only single users; the date or year on the phone is clearly wrong; it clears as soon as automatic time is turned on.",
        },
      },
      {
        title: { zh: "服务器证书过期", en: "Server certificate expired" },
        detail: {
          zh: "服务器的 HTTPS 证书过了有效期，没有及时续签，所有时间正确的手机都会失败。",
          en: "The server's HTTPS certificate passed its expiry date without being renewed, so every phone with a correct clock fails.",
        },
        howToTell: {
          zh: "某个时刻开始大量用户同时出现，和手机时间无关；用 openssl 查看证书的 notAfter 已经过了。",
          en: "Many users start failing at the same moment regardless of their clocks; openssl shows the certificate's notAfter is in the past.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户打开手机“设置 → 日期和时间”（不同品牌可能在“系统”或“通用管理”里），打开“自动确定日期和时间”和“自动确定时区”，确认年份、日期正确后重新打开 App。如果时间正确仍然报错，请上报。",
      en: "Ask the user to open Settings → Date & time (on some brands under System or General management), turn on automatic date & time and automatic time zone, check the year and date are right, then reopen the app. If the time is correct and the error remains, escalate.",
    },
    opsChecks: [
      {
        zh: "检查每个 API 域名的证书到期时间（notAfter）：`openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -noout -dates`",
        en: "Check the certificate expiry (notAfter) of every API host: `openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -noout -dates`",
      },
      {
        zh: "查看同一时段 50502 是否也在上升，按域名和远端 IP 拆分。",
        en: "Check whether 50502 is rising in the same window; split by host and remote IP.",
      },
    ],
    escalateWhen: {
      zh: "用户手机时间正确仍然出现，或者多个用户同时出现。",
      en: "The user's clock is correct and it still happens, or several users report it at the same time.",
    },
    relatedCodes: [12003, 50502],
  },
  {
    code: 105,
    family: "general",
    seedText: "登陆需要 session 信息",
    title: { zh: "登录已失效，需要重新登录", en: "Login session required" },
    summary: {
      zh: "这个请求需要登录状态（session），但 session 不存在或已失效，用户需要重新登录。session 长时间不用（涂鸦的说法是 45 天未使用）或修改密码后都会失效。",
      en: "The request needs a logged-in session, but the session is missing or no longer valid, so the user has to log in again. A session expires after a long idle period (Tuya: 45 days without use) or when the password is changed.",
    },
    causes: [
      {
        title: { zh: "session 过期", en: "Session expired" },
        detail: {
          zh: "账号很久没有使用（约 45 天），登录状态自动失效。",
          en: "The account was not used for a long time (about 45 days), so the login expired.",
        },
        howToTell: {
          zh: "用户说很久没打开 App；重新登录后恢复正常。",
          en: "The user has not opened the app for a long time; logging in again fixes it.",
        },
      },
      {
        title: { zh: "密码已修改", en: "Password changed" },
        detail: {
          zh: "在其他手机或网页上修改了密码，原来的登录状态失效。",
          en: "The password was changed on another phone or on the web, which invalidates the old session.",
        },
        howToTell: {
          zh: "最近改过密码，或家人用同一账号改过密码。",
          en: "The password was changed recently, possibly by a family member sharing the account.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户退出登录后重新登录；如果最近在别的设备上改过密码，请用新密码登录。",
      en: "Ask the user to log out and log in again; if the password was changed on another device recently, use the new password.",
    },
    opsChecks: [
      {
        zh: "如果 105 不是零星出现而是突然大量出现，检查会话/登录服务和最近的发布。",
        en: "If 105 surges instead of trickling in, check the session/login service and recent releases.",
      },
    ],
    escalateWhen: {
      zh: "大量用户同时被要求重新登录，或者用户重新登录后马上又出现 105。",
      en: "Many users are logged out at the same time, or a user gets 105 again right after logging in.",
    },
    relatedCodes: [],
  },
  {
    code: 106,
    family: "general",
    seedText: "同步 io 错误",
    title: { zh: "同步 IO 错误", en: "Synchronous I/O error" },
    summary: {
      zh: "SDK 在执行同步操作（同步网络请求或本地读写）时遇到了 IO 异常，操作没有完成。多数是传输途中网络断了，少数是手机存储的问题。",
      en: "The SDK hit an I/O exception while running a synchronous operation (a synchronous network request or a local read/write), so the operation did not complete. Mostly the connection dropped mid-transfer; sometimes it is a storage problem on the phone.",
    },
    causes: [
      {
        title: { zh: "传输中网络中断", en: "Connection dropped mid-transfer" },
        detail: {
          zh: "请求发出后网络断开或切换，读写数据时失败。",
          en: "The network dropped or switched after the request was sent, so reading or writing data failed.",
        },
        howToTell: {
          zh: "零星出现，和网络切换、信号差的时段重合；同时可能有 505xx 网络错误码。",
          en: "Sporadic, coinciding with network switches or poor signal; 505xx network codes may appear at the same time.",
        },
      },
      {
        title: { zh: "本地存储读写失败", en: "Local storage read/write failed" },
        detail: {
          zh: "手机存储空间不足，或者本地文件读写出错。",
          en: "The phone is low on storage, or a local file could not be read or written.",
        },
        howToTell: {
          zh: "同一台手机反复出现，和网络无关；手机剩余空间很少。",
          en: "Repeats on the same phone regardless of network; the phone has very little free space.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户重试一次，并确认网络稳定；如果反复出现，检查手机剩余存储空间，清理后重启 App。",
      en: "Ask the user to retry and make sure the connection is stable; if it keeps happening, check the phone's free storage, free some space and restart the app.",
    },
    opsChecks: [
      {
        zh: "按 App 版本和手机型号拆分 106，并和同一时段 505xx 的走势对比。",
        en: "Split 106 by app version and phone model and compare it with the 505xx trend in the same window.",
      },
    ],
    escalateWhen: {
      zh: "集中在某个 App 版本或手机型号上，或在发布后明显上升。",
      en: "It concentrates on one app version or phone model, or rises clearly after a release.",
    },
    relatedCodes: [101, 50500],
  },
];
