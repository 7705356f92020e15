import type { CatalogEntry } from "../types";

export const networkCodes: CatalogEntry[] = [
  {
    code: 50408,
    family: "network",
    seedText: "timeout",
    seedAnalysis: "网络请求超时",
    title: { zh: "网络请求超时", en: "Request timed out" },
    summary: {
      zh: "网络请求没能在规定时间内完成。一般是网络慢或不稳定，也可能是服务器响应太慢。在 OkHttp 里，HTTP/2 连接上的读超时和整个调用的超时都会报 “timeout”。",
      en: 'A network request did not finish within the time limit. Usually the network is slow or unstable, or the server is responding slowly. In OkHttp, read timeouts on HTTP/2 connections and whole-call timeouts are both reported as "timeout".',
    },
    causes: [
      {
        title: { zh: "网络慢或不稳定", en: "Slow or unstable network" },
        detail: {
          zh: "信号差、丢包严重或带宽不足，数据没能按时到达。",
          en: "Poor signal, heavy packet loss or too little bandwidth kept the data from arriving in time.",
        },
        howToTell: {
          zh: "零星出现在个别用户身上，换网络后恢复；服务端延迟正常。",
          en: "Sporadic, on individual users, and gone on another network; server-side latency is normal.",
        },
      },
      {
        title: { zh: "服务器响应慢", en: "Slow server responses" },
        detail: {
          zh: "服务器或后端依赖处理变慢，响应超过了客户端的超时时间。",
          en: "The server or one of its dependencies slowed down, so responses took longer than the client's timeout.",
        },
        howToTell: {
          zh: "很多用户同时出现，集中在某个域名或接口；服务端 P99 延迟同步上升。",
          en: "Many users at once, concentrated on one host or endpoint; server-side P99 latency rises at the same time.",
        },
      },
      {
        title: { zh: "服务端切换了 HTTP/2", en: "Server switched to or from HTTP/2" },
        detail: {
          zh: "同样的读超时，在 HTTP/1.1 上报 “Read timed out”（50503），在 HTTP/2 上报 “timeout”（50408）。服务端开启或关闭 HTTP/2 后，超时会从一个码“搬”到另一个码，而网络本身并没有变差（推断）。",
          en: 'The same read timeout is reported as "Read timed out" (50503) on HTTP/1.1 and as "timeout" (50408) on HTTP/2. When the server enables or disables HTTP/2, timeouts move from one code to the other without the network getting any worse (inferred).',
        },
        howToTell: {
          zh: "50408 上升的同时 50503 下降（或相反），两者之和基本不变；按 HTTP 协议拆分能看到变化来自 h2 与 http/1.1 的切换。",
          en: "50408 rises while 50503 falls (or the other way round) and their sum stays flat; splitting by HTTP protocol shows the change comes from h2 vs http/1.1.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换到信号更好的网络（Wi-Fi 与移动数据互换）后重试；如果很多用户同时反馈超时，先不要让用户折腾，直接上报。",
      en: "Ask the user to retry on a better connection (switch between Wi-Fi and mobile data); if many users report timeouts at the same time, do not send them through troubleshooting, escalate.",
    },
    opsChecks: [
      {
        zh: "按域名、接口、HTTP 协议（h2 / http/1.1）和地区拆分 50408 与 50503。",
        en: "Split 50408 and 50503 by host, endpoint, HTTP protocol (h2 / http/1.1) and region.",
      },
      {
        zh: "查看服务端和负载均衡的 P99 延迟及超时数量。",
        en: "Check server and load-balancer P99 latency and timeout counts.",
      },
      {
        zh: "如果 50503 和 50408 此消彼长，确认同一时间负载均衡/CDN 的 HTTP/2 配置是否变化：`curl -sI --http2 https://<host>/ -o /dev/null -w '%{http_version}\\n'`",
        en: "If 50503 and 50408 move in opposite directions, check whether the load balancer/CDN HTTP/2 setting changed at that time: `curl -sI --http2 https://<host>/ -o /dev/null -w '%{http_version}\\n'`",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，集中在某个域名、接口或地区，或者在发布/配置变更后上升。",
      en: "Many users at once, concentrated on one host, endpoint or region, or a rise after a release or configuration change.",
    },
    relatedCodes: [50500, 50503, 50507, 50508],
    exceptions: [
      {
        className: "java.net.SocketTimeoutException",
        message: "timeout",
        note: {
          zh: "HTTP/2 流的读超时，或 OkHttp 的超时看门狗（watchdog）触发。",
          en: "A read timeout on an HTTP/2 stream, or OkHttp's timeout watchdog firing.",
        },
      },
      {
        className: "java.io.InterruptedIOException",
        message: "timeout",
        note: {
          zh: "OkHttp 的整体调用超时（call timeout）。",
          en: "OkHttp's whole-call timeout (call timeout).",
        },
      },
    ],
  },
  {
    code: 50500,
    family: "network",
    seedText: "其他错误",
    seedAnalysis: "未知错误",
    title: { zh: "其他网络错误（未识别）", en: "Other network error (unclassified)" },
    summary: {
      zh: "SDK 把没有匹配上任何分类规则的网络异常都归为 50500，这个码本身不说明原因，要看原始的异常类名、信息和 cause 链。由于 SDK 分类规则的缺陷，一些本该有专门错误码的异常（主机名不匹配、部分超时和 DNS 失败）也会落到这里。",
      en: "The SDK files every network exception that matches none of its rules under 50500, so the code alone says nothing about the cause; look at the raw exception class, message and cause chain. Because of flaws in the SDK's rules, some exceptions that have their own code (hostname mismatches, some timeouts and DNS failures) also end up here.",
    },
    causes: [
      {
        title: { zh: "没有匹配规则的异常", en: "An exception no rule matches" },
        detail: {
          zh: "异常信息不以任何已知前缀开头，SDK 只能归为“其他错误”。",
          en: 'The exception message starts with none of the known prefixes, so the SDK can only call it "other".',
        },
        howToTell: {
          zh: "按原始异常类名和信息分组，看哪一类占多数。",
          en: "Group by raw exception class and message and see which group dominates.",
        },
      },
      {
        title: { zh: "主机名不匹配被误归类", en: "Hostname mismatch misfiled" },
        detail: {
          zh: "SDK 有些分支拿小写后的文本去比较大小写混合的字符串，永远匹配不上，所以 “Hostname <host> not verified” 会落到 50500，而不是 50515。",
          en: 'Some SDK branches compare lower-cased text with mixed-case strings and can never match, so "Hostname <host> not verified" ends up as 50500 rather than 50515.',
        },
        howToTell: {
          zh: "原始异常是 SSLPeerUnverifiedException，信息以 “Hostname” 开头；按 50515 的思路排查。",
          en: 'The raw exception is an SSLPeerUnverifiedException whose message starts with "Hostname"; investigate it as a 50515.',
        },
      },
      {
        title: { zh: "e.toString() 代码路径", en: "The e.toString() code path" },
        detail: {
          zh: "有一条代码路径传入的是 e.toString()（类名在前），“timeout” 的精确匹配和 “unable to resolve host” 的前缀匹配都会失败，超时和 DNS 失败因此变成 50500。",
          en: 'One code path passes e.toString() (class name first), so the exact match on "timeout" and the prefix match on "unable to resolve host" both fail, and timeouts and DNS failures become 50500.',
        },
        howToTell: {
          zh: "50500 的原始信息以 “java.net.SocketTimeoutException: timeout” 或 “java.net.UnknownHostException: Unable to resolve host” 开头；不同 SDK 版本的 505xx 分布不一样。",
          en: 'The raw text of these 50500s starts with "java.net.SocketTimeoutException: timeout" or "java.net.UnknownHostException: Unable to resolve host"; the 505xx mix differs between SDK builds.',
        },
      },
    ],
    supportAdvice: {
      zh: "50500 本身看不出原因。请用户重试并换一个网络试试；同时记录发生时间、App 版本和网络类型（Wi-Fi/移动数据），方便后台查看原始异常。",
      en: "50500 alone does not tell the cause. Ask the user to retry and try another network; note the time, app version and network type (Wi-Fi/mobile data) so the raw exception can be looked up.",
    },
    opsChecks: [
      {
        zh: "查看 50500 记录里的原始异常类名、信息和 cause 链，按类名分组，把占比高的类别对应到真正的原因。",
        en: "Look at the raw exception class, message and cause chain of the 50500 records, group by class and map the large groups to real causes.",
      },
      {
        zh: "按 SDK/App 版本拆分 505xx 的分布：同一个问题在不同版本上可能表现为 50500、50502 或 50515。",
        en: "Split the 505xx mix by SDK/app version: the same problem can show up as 50500, 50502 or 50515 depending on the build.",
      },
      {
        zh: "对信息为 “Hostname <host> not verified” 的 50500，按 50515 检查证书和 DNS。",
        en: 'For 50500s whose message is "Hostname <host> not verified", check certificates and DNS as for 50515.',
      },
    ],
    escalateWhen: {
      zh: "50500 突然上升，或者原始异常里出现新的类名/信息。",
      en: "50500 rises suddenly, or a new exception class or message appears in the raw data.",
    },
    relatedCodes: [101, 50408, 50502, 50504, 50515],
    exceptions: [
      {
        className: "java.io.IOException",
        message: "<any message no rule matches>",
        note: {
          zh: "任何信息不匹配已知前缀的异常都会归为 50500。",
          en: "Any exception whose message matches none of the known prefixes is filed as 50500.",
        },
      },
      {
        className: "javax.net.ssl.SSLPeerUnverifiedException",
        message: "Hostname <host> not verified:",
        note: {
          zh: "本应是 50515；部分 SDK 版本因大小写比较的缺陷归为 50500。",
          en: "Should be 50515; some SDK builds file it as 50500 because of a case-sensitive comparison bug.",
        },
      },
      {
        className: "java.net.SocketTimeoutException",
        message: "timeout",
        note: {
          zh: "走 e.toString() 路径时文本变成 “java.net.SocketTimeoutException: timeout”，不再精确等于 “timeout”，归为 50500 而不是 50408。",
          en: 'On the e.toString() path the text becomes "java.net.SocketTimeoutException: timeout", no longer exactly "timeout", so it is filed as 50500 instead of 50408.',
        },
      },
      {
        className: "java.net.UnknownHostException",
        message: 'Unable to resolve host "<host>": No address associated with hostname',
        note: {
          zh: "走 e.toString() 路径时类名在前，前缀匹配失败，归为 50500 而不是 50504。",
          en: "On the e.toString() path the class name comes first, the prefix match fails, and it is filed as 50500 instead of 50504.",
        },
      },
    ],
  },
  {
    code: 50501,
    family: "network",
    seedText: "网络不可用",
    seedAnalysis: "系统识别网络不可用问题导致的，WiFi 或者手机网络没有打开",
    title: { zh: "网络不可用", en: "Network unavailable" },
    summary: {
      zh: "请求失败时，手机系统的网络检测报告“当前没有可用网络”，SDK 就记为 50501，不管实际抛出的是什么异常（只有 SSL 握手类异常例外，它们先被判为 50502）。通常是 Wi-Fi 和移动数据都没打开，或者正在切换网络。",
      en: "When a request failed, the phone's connectivity check reported no usable network, so the SDK recorded 50501 whatever the actual exception was (only SSL handshake exceptions are checked first and become 50502). Usually Wi-Fi and mobile data are both off, or the phone is switching networks.",
    },
    causes: [
      {
        title: { zh: "Wi-Fi 和移动数据都没开", en: "Wi-Fi and mobile data both off" },
        detail: {
          zh: "飞行模式，或 Wi-Fi、移动数据都关着。",
          en: "Airplane mode, or both Wi-Fi and mobile data switched off.",
        },
        howToTell: {
          zh: "同一用户持续出现，其他 App 也上不了网；常伴随 103。",
          en: "Persistent for the user, other apps are offline too; often with 103.",
        },
      },
      {
        title: { zh: "正在切换网络", en: "Switching networks" },
        detail: {
          zh: "在 Wi-Fi 和移动数据之间切换的瞬间，或刚进入电梯、地下室等没有信号的地方。",
          en: "The moment of switching between Wi-Fi and mobile data, or just after entering a lift, basement or other dead zone.",
        },
        howToTell: {
          zh: "零星、短暂出现，很快自行恢复。",
          en: "Sporadic and brief, recovering on its own.",
        },
      },
      {
        title: { zh: "系统限制了 App 联网", en: "System restricts the app's network access" },
        detail: {
          zh: "省电模式、后台数据限制或部分品牌的联网管理，让 App 在后台或整体上没有网络。",
          en: "Battery saver, background data restrictions or a brand's network manager leave the app without network access in the background or altogether.",
        },
        howToTell: {
          zh: "多发生在 App 处于后台时，或集中在某些手机品牌上。",
          en: "Mostly while the app is in the background, or concentrated on certain phone brands.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户确认没有开飞行模式，Wi-Fi 或移动数据已打开并能上网；再到系统设置里确认 App 被允许使用 WLAN、移动数据和后台数据。",
      en: "Ask the user to check airplane mode is off and Wi-Fi or mobile data is on and working, then check in system settings that the app may use Wi-Fi, mobile data and background data.",
    },
    opsChecks: [
      {
        zh: "50501 基本是用户侧问题；看它在全部错误中的占比，异常上升时按 Android 版本和手机品牌拆分（可能是系统网络检测的行为变化）。",
        en: "50501 is almost always on the user's side; watch its share of all errors, and if it jumps, split by Android version and phone brand (the system's connectivity check may have changed behaviour).",
      },
    ],
    escalateWhen: {
      zh: "大量用户反馈手机明明有网却报 50501。",
      en: "Many users report 50501 while their phones are clearly online.",
    },
    relatedCodes: [103, 1001, 1004, 50504, 50505],
    exceptions: [
      {
        className: "java.net.UnknownHostException",
        message: 'Unable to resolve host "<host>": No address associated with hostname',
        note: {
          zh: "没网时通常最先失败的是 DNS；只要系统网络检测说“没有网络”，就记为 50501 而不是 50504。",
          en: 'Without a network, DNS is usually the first thing to fail; as long as the connectivity check says "no network", it is recorded as 50501, not 50504.',
        },
      },
      {
        className: "java.net.ConnectException",
        message: "Failed to connect to <host>/<ip>:<port>",
        note: {
          zh: "同理：决定 50501 的是系统网络检测，而不是异常本身。",
          en: "Likewise: what decides 50501 is the connectivity check, not the exception itself.",
        },
      },
    ],
  },
  {
    code: 50502,
    family: "network",
    seedText: "javax.net.ssl.sslhandshakeexception",
    seedAnalysis:
      "(1)客户手机的时间不准，超出证书有效范围，会必现此问题 <br>(2)客户手机的网络开启了证书验证，这种情况下所有应用都无法上网<br>(3)云端证书的负载均衡有问题，会导致部分用户的手机无法进行正常使用<br>(4)云端证书过期，会大面积的出现 50502 问题<br>(5)客户手机没有我们证书的 CA 机构根证书(6)服务端证书链上配置的中间证书有问题",
    title: {
      zh: "SSL 握手失败（证书校验失败）",
      en: "SSL handshake failed (certificate validation)",
    },
    summary: {
      zh: "和服务器建立 HTTPS 连接时 TLS 握手失败，绝大多数是证书校验没有通过。原因可能在手机上（时间不准、缺少根证书），在用户的网络上（HTTPS 被拦截），也可能在服务器上（证书过期、某个负载均衡节点或证书链配置错误）。不管哪种原因，App 都会提示用户“本地时钟不准”。",
      en: "The TLS handshake failed while opening an HTTPS connection, almost always because the certificate did not validate. The fault can be on the phone (wrong clock, missing root CA), on the user's network (HTTPS interception) or on the server (expired certificate, a bad load-balancer node or certificate chain). Whatever the cause, the app tells the user that the local clock is not accurate.",
    },
    causes: [
      {
        title: { zh: "手机时间不准", en: "Phone clock is wrong" },
        detail: {
          zh: "手机的日期超出了证书的有效期（早于生效时间或晚于到期时间），每次握手都会失败，直到时间改正。",
          en: "The phone's date is outside the certificate's validity period (before notBefore or after notAfter), so every handshake fails until the clock is corrected.",
        },
        howToTell: {
          zh: "起始：持续的零星背景量，落在个别设备上，不会出现阶跃。域名：所有域名。Android 版本：所有版本。其他信号：设备时钟偏差很大；异常信息里 “compared to” 后面的时间就是手机时间，是 1970 年或未来的某天；常见 “Chain validation failed”，cause 链里是 “Certificate expired at <notAfter> (compared to <device time>)”（Android 7+）或 “Certificate not valid until <date> (compared to <device time>)”（Android 6 及以下）。",
          en: 'Onset: a steady background trickle on single devices, never a step. Hosts: all. Android versions: all. Other signals: large device clock skew; the "compared to" date in the message is the device clock and shows 1970 or a future date; often "Chain validation failed" with "Certificate expired at <notAfter> (compared to <device time>)" (Android 7+) or "Certificate not valid until <date> (compared to <device time>)" (Android 6 and older) in the cause chain.',
        },
      },
      {
        title: { zh: "用户网络拦截了 HTTPS", en: "Interception on the user's network" },
        detail: {
          zh: "用户所在的网络（公司或学校网络、公共 Wi-Fi、代理、安全软件等）开启了证书验证/HTTPS 拦截，用自己的证书替换了服务器证书，手机不信任。这种情况下该网络上所有应用的 HTTPS 都会出问题。",
          en: "The user's network (office or campus network, public Wi-Fi, a proxy or security software) inspects HTTPS and substitutes its own certificate, which the phone does not trust. Every app's HTTPS traffic on that network is affected.",
        },
        howToTell: {
          zh: "起始：按网络或运营商聚集（同一个 Wi-Fi、同一家公司、同一个运营商）。域名：所有域名。Android 版本：所有版本。其他信号：更常表现为 50515/50516 而不是 50502；换成移动数据或其他网络后立即恢复；手机时间正确。",
          en: "Onset: clustered by network or carrier (the same Wi-Fi, company or carrier). Hosts: all. Android versions: all. Other signals: often shows up as 50515/50516 instead of 50502; fixed immediately by switching to mobile data or another network; the phone clock is correct.",
        },
      },
      {
        title: { zh: "某个负载均衡节点证书有问题", en: "One bad load-balancer node" },
        detail: {
          zh: "云端证书的负载均衡有问题：某个负载均衡节点部署了错误或过期的证书，解析到这个节点 IP 的用户握手失败，其他用户正常。",
          en: "A load-balancer node serves a wrong or expired certificate, so users whose connections land on that node's IP fail while everyone else is fine.",
        },
        howToTell: {
          zh: "起始：在某次部署/变更时出现阶跃。域名：只有一个域名，失败比例约等于该节点承担的流量比例。Android 版本：所有版本。其他信号：按设备“粘住”——OkHttp 遇到证书错误不会换另一个 IP 重试，所以同一台设备反复失败，其他设备一直正常；按远端 IP 拆分，失败几乎全部来自同一个 IP。",
          en: "Onset: a step at a deploy or change. Hosts: one host; the failure share roughly equals that node's share of traffic. Android versions: all. Other signals: sticky per device, because OkHttp does not retry another IP on certificate errors, so the same devices keep failing while others never do; split by remote IP and nearly all failures come from one IP.",
        },
      },
      {
        title: { zh: "服务器证书过期", en: "Server certificate expired" },
        detail: {
          zh: "云端证书过了 notAfter 没有续签，所有时间正确的手机都会失败，50502 大面积出现。",
          en: "The server certificate passed its notAfter without being renewed, so every phone with a correct clock fails and 50502 appears everywhere.",
        },
        howToTell: {
          zh: "起始：在证书 notAfter 的那一秒准时出现阶跃，所有用户同时受影响。域名：使用这张证书的所有域名。Android 版本：所有版本。其他信号：异常信息为 “Certificate expired at <notAfter> (compared to <device time>)”，所有设备的 notAfter 相同、device time 接近真实时间；时钟走慢（仍早于 notAfter）的设备反而还能正常使用。",
          en: 'Onset: a step at the exact notAfter second, all users at once. Hosts: every host using that certificate. Android versions: all. Other signals: "Certificate expired at <notAfter> (compared to <device time>)" with the same notAfter on every device and a device time close to real time; devices whose clock runs behind (still before notAfter) keep working.',
        },
      },
      {
        title: { zh: "手机缺少 CA 根证书", en: "Phone lacks the root CA" },
        detail: {
          zh: "手机系统的信任库里没有我们证书所属 CA 的根证书，通常发生在换 CA 或换证书链之后的旧 Android 手机上。真实例子：Let's Encrypt 的 DST Root CA X3 交叉签名在 2024-09-30 到期后，Android 7.1.1 以下的旧手机不再信任 Let's Encrypt 证书。",
          en: "The phone's trust store does not contain the root CA of our certificate, typically on old Android phones after a change of CA or chain. Real example: when Let's Encrypt's DST Root CA X3 cross-sign ended on 2024-09-30, Android phones older than 7.1.1 stopped trusting Let's Encrypt certificates.",
        },
        howToTell: {
          zh: "起始：在部署重新签发（换 CA 或换链）的证书时出现阶跃。域名：只有更新了证书的域名。Android 版本：明显集中在 Android 7.1.1 以下（API ≤ 24），新系统正常。其他信号：异常信息为 “Trust anchor for certification path not found.”；手机时间正确。",
          en: 'Onset: a step when a re-issued certificate (new CA or chain) is deployed. Hosts: only the renewed hosts. Android versions: sharply Android below 7.1.1 (API ≤ 24); newer versions are fine. Other signals: "Trust anchor for certification path not found."; the phone clock is correct.',
        },
      },
      {
        title: {
          zh: "服务端中间证书配置错误",
          en: "Bad intermediate certificate in the server chain",
        },
        detail: {
          zh: "服务端证书链上配置的中间证书缺失或不对，手机无法从服务器证书追溯到信任的根证书。",
          en: "The intermediate certificate configured in the server's chain is missing or wrong, so the phone cannot build a path from the server certificate to a trusted root.",
        },
        howToTell: {
          zh: "起始：在某次部署时出现阶跃。域名：受影响的那个域名。Android 版本：所有版本都有，但零散不均（Android 会缓存见过的中间证书，缓存过的设备仍能通过）。其他信号：异常信息同样是 “Trust anchor for certification path not found.”，但不像缺根证书那样集中在旧 Android 上；浏览器访问正常。",
          en: 'Onset: a step at a deploy. Hosts: the affected host. Android versions: all, but patchy (Android caches intermediates it has seen, so devices with a cached copy still pass). Other signals: also "Trust anchor for certification path not found.", but not concentrated on old Android as with a missing root; browsers are unaffected.',
        },
      },
    ],
    supportAdvice: {
      zh: "注意：只要是 50502，App 都会提示用户“本地时钟不准”，即使问题出在服务器上。所以先确认有没有更大范围的故障（同一时段是否很多用户报 50502、值班群或状态页是否有告警），有的话不要让用户反复改设置，直接上报。确认只是个别用户后：1）请用户打开“设置 → 日期和时间”，开启自动日期和时间、自动时区，核对年份和日期；2）换一个网络（Wi-Fi 与移动数据互换）再试，关闭 VPN、代理、抓包或安全软件；3）如果手机是 Android 7.1.1 以下且以上都无效，可能是旧系统缺少根证书，请记录手机型号和系统版本后上报。",
      en: "Note: for every 50502 the app tells the user that the local clock is not accurate, even when the server is at fault. So first check for a wider incident (many users reporting 50502 at the same time, alerts in the on-call channel or status page); if there is one, do not put the user through settings changes, escalate. Once it is clearly a single user: 1) have them open Settings → Date & time, turn on automatic date & time and time zone, and check the year and date; 2) retry on another network (swap Wi-Fi and mobile data) and turn off any VPN, proxy, traffic-capture or security app; 3) if the phone runs Android older than 7.1.1 and nothing helped, it may lack the root certificate: note the phone model and Android version and escalate.",
    },
    opsChecks: [
      {
        zh: "检查每个 API 域名的证书到期时间（notAfter）：`openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -noout -enddate`",
        en: "Check the certificate expiry (notAfter) of every API host: `openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -noout -enddate`",
      },
      {
        zh: "逐个检查域名背后的每个负载均衡 IP：先 `dig +short <host>`，再对每个 IP 执行 `openssl s_client -connect <ip>:443 -servername <host> </dev/null | openssl x509 -noout -fingerprint -enddate`，比较证书是否一致。",
        en: "Check every load-balancer IP behind the host: list them with `dig +short <host>`, then for each run `openssl s_client -connect <ip>:443 -servername <host> </dev/null | openssl x509 -noout -fingerprint -enddate` and compare the certificates.",
      },
      {
        zh: "检查服务器发送的证书链是否完整：`openssl s_client -connect <host>:443 -servername <host> -showcerts </dev/null`，中间证书的 subject 要和服务器证书的 issuer 对上，结果应为 `Verify return code: 0 (ok)`。",
        en: "Check the chain the server sends is complete: `openssl s_client -connect <host>:443 -servername <host> -showcerts </dev/null`; the intermediate's subject must match the leaf's issuer and the result should be `Verify return code: 0 (ok)`.",
      },
      {
        zh: "按域名、远端 IP、Android API 级别、网络类型/运营商和设备时钟偏差拆分 50502，把上升时间和部署时间、证书 notAfter 对照。",
        en: "Split the 50502 surge by host, remote IP, Android API level, network type/carrier and device clock skew, and line its onset up with deploys and certificate notAfter times.",
      },
      {
        zh: "确认当前证书的根 CA 被最老的受支持 Android 版本（API ≤ 24）信任，例如 ISRG Root X1 不在 Android 7.1.1 以下的信任库中。",
        en: "Confirm the current certificate's root CA is trusted by the oldest supported Android (API ≤ 24); for example ISRG Root X1 is not in the trust store of Android below 7.1.1.",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现（阶跃式上升）；集中在某个域名、某个远端 IP 或旧 Android 版本；出现在证书续签、换 CA 或部署之后；集中在某个网络/运营商；或者用户手机时间正确仍持续出现。",
      en: "Many users at once (a step); concentration on one host, one remote IP or old Android versions; onset after a certificate renewal, CA change or deploy; clustering on one network or carrier; or a user with a correct clock who keeps getting it.",
    },
    relatedCodes: [104, 12003, 50500, 50509, 50515, 50516],
    exceptions: [
      {
        className: "javax.net.ssl.SSLHandshakeException",
        message:
          "java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.",
        note: {
          zh: "最常见的形态，cause 是 CertPathValidatorException：手机不信任证书链的根。对应缺根证书（原因 5）、中间证书错误（原因 6）或网络拦截（原因 2）。",
          en: "The most common shape, with a CertPathValidatorException cause: the phone does not trust the chain's root. Points to a missing root CA (cause 5), a bad intermediate (cause 6) or interception (cause 2).",
        },
      },
      {
        className: "java.security.cert.CertPathValidatorException",
        message: "Trust anchor for certification path not found.",
        note: {
          zh: "出现在 SSLHandshakeException 的 cause 链里；SDK 的文本里含有 certpathvalidatorexception 时也直接判为 50502。",
          en: "Found in the cause chain of the SSLHandshakeException; the SDK also files any text containing certpathvalidatorexception as 50502.",
        },
      },
      {
        className: "javax.net.ssl.SSLHandshakeException",
        message: "Chain validation failed",
        note: {
          zh: "常见于手机时间不准（原因 1）；cause 链里带有具体的证书有效期错误（见下面两种）。",
          en: "Seen with a wrong device clock (cause 1); the cause chain carries the specific validity error (see the two shapes below).",
        },
      },
      {
        className: "java.security.cert.CertificateExpiredException",
        message: "Certificate expired at <notAfter> (compared to <device time>)",
        note: {
          zh: "Android 7+。“compared to” 是手机时间：它远在未来说明是手机时间不准（原因 1）；它接近真实时间且所有设备 notAfter 相同，说明服务器证书过期（原因 4）。",
          en: 'Android 7+. "compared to" is the device clock: far in the future means a wrong phone clock (cause 1); close to real time with the same notAfter on every device means the server certificate expired (cause 4).',
        },
      },
      {
        className: "java.security.cert.CertificateNotYetValidException",
        message: "Certificate not valid until <date> (compared to <device time>)",
        note: {
          zh: "Android 6 及以下。手机时间早于证书生效时间（例如 1970 年），基本就是手机时间不准（原因 1）。",
          en: "Android 6 and older. The device clock is before the certificate's start date (for example 1970), which almost always means a wrong phone clock (cause 1).",
        },
      },
      {
        className: "javax.net.ssl.SSLHandshakeException",
        message: "Connection closed by peer",
        note: {
          zh: "本应是 50509；走 e.toString() 路径的 SDK 版本会把所有 SSLHandshakeException 都判为 50502。",
          en: "Should be 50509; SDK builds that classify e.toString() file every SSLHandshakeException, this one included, as 50502.",
        },
      },
    ],
  },
  {
    code: 50503,
    family: "network",
    seedText: "read timed out",
    seedAnalysis: "网络请求读超时",
    title: { zh: "读取超时", en: "Read timed out" },
    summary: {
      zh: "连接已经建立、请求也发出去了，但在读超时时间内没有收到服务器的数据。OkHttp 只在 HTTP/1.1 连接上报 “Read timed out”；HTTP/2 上同样的情况报 “timeout”（50408）。",
      en: 'The connection was open and the request sent, but no data came back from the server within the read timeout. OkHttp reports "Read timed out" only on HTTP/1.1 connections; the same situation on HTTP/2 is reported as "timeout" (50408).',
    },
    causes: [
      {
        title: { zh: "服务器处理慢", en: "Slow server processing" },
        detail: {
          zh: "服务器或其依赖处理请求太慢，迟迟没有返回响应。",
          en: "The server or one of its dependencies takes too long to produce a response.",
        },
        howToTell: {
          zh: "很多用户同时出现，集中在某个接口；服务端延迟同步上升。",
          en: "Many users at once, concentrated on one endpoint; server latency rises at the same time.",
        },
      },
      {
        title: { zh: "网络慢或丢包", en: "Slow or lossy network" },
        detail: {
          zh: "响应在网络中被延迟或丢失。",
          en: "The response is delayed or lost on the way.",
        },
        howToTell: {
          zh: "零星出现在个别用户身上，换网络后恢复。",
          en: "Sporadic, on individual users, and gone on another network.",
        },
      },
      {
        title: { zh: "HTTP 协议切换", en: "HTTP protocol switch" },
        detail: {
          zh: "服务端关闭 HTTP/2 后，原本报 50408 的超时会变成 50503；开启 HTTP/2 后则相反（推断）。",
          en: "When the server turns HTTP/2 off, timeouts that were 50408 become 50503, and the reverse when it turns HTTP/2 on (inferred).",
        },
        howToTell: {
          zh: "50503 与 50408 此消彼长，两者之和不变。",
          en: "50503 and 50408 move in opposite directions while their sum stays flat.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换到信号更好的网络后重试；如果很多用户同时反馈，直接上报。",
      en: "Ask the user to retry on a better connection; if many users report it at once, escalate.",
    },
    opsChecks: [
      {
        zh: "按接口和域名查看服务端 P99 延迟，找出超过客户端读超时的接口。",
        en: "Check server P99 latency per endpoint and host and find endpoints exceeding the client's read timeout.",
      },
      {
        zh: "把 50503 和 50408 放在一起看，按 HTTP 协议拆分，排除协议切换造成的“假变化”。",
        en: "Look at 50503 together with 50408, split by HTTP protocol, to rule out a shift caused only by a protocol change.",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，或集中在某个接口/域名。",
      en: "Many users at once, or a concentration on one endpoint or host.",
    },
    relatedCodes: [50408, 50507, 50508],
    exceptions: [
      {
        className: "java.net.SocketTimeoutException",
        message: "Read timed out",
        note: {
          zh: "只出现在 HTTP/1.1 连接上。",
          en: "Only on HTTP/1.1 connections.",
        },
      },
    ],
  },
  {
    code: 50504,
    family: "network",
    seedText: "unable to resolve host",
    seedAnalysis: "当前网络没有外网",
    title: { zh: "无法解析域名（DNS 失败）", en: "Unable to resolve host (DNS failure)" },
    summary: {
      zh: "手机无法解析服务器的域名（DNS 查询失败），请求根本没发出去。通常是当前网络没有外网，或者网络的 DNS 出了问题。",
      en: "The phone was unable to resolve host names: the DNS lookup for the server failed, so the request never went out. Usually the current network has no internet access, or its DNS is broken.",
    },
    causes: [
      {
        title: { zh: "当前网络没有外网", en: "Network without internet access" },
        detail: {
          zh: "手机连着的 Wi-Fi 本身上不了网，例如还连着设备的配网热点、路由器断网，或者公共 Wi-Fi 还没登录。",
          en: "The Wi-Fi the phone is on has no internet, for example a device's pairing hotspot, a router that lost its uplink, or a public Wi-Fi not yet logged in.",
        },
        howToTell: {
          zh: "浏览器也打不开网页；换成移动数据后恢复；配网过程中常见。",
          en: "The browser cannot open pages either; mobile data works; common during pairing.",
        },
      },
      {
        title: { zh: "DNS 服务器有问题", en: "Broken or blocked DNS" },
        detail: {
          zh: "路由器或运营商的 DNS 故障、屏蔽了域名，或者手机设置了不可用的“私人 DNS”。",
          en: "The router's or carrier's DNS fails or blocks the name, or the phone has an unreachable Private DNS configured.",
        },
        howToTell: {
          zh: "其他网站能打开（或部分能打开）；集中在某个运营商/地区；换 DNS 或网络后恢复。",
          en: "Other sites (or some of them) work; clusters on one carrier or region; changing DNS or network fixes it.",
        },
      },
      {
        title: { zh: "域名解析配置错误", en: "DNS records misconfigured" },
        detail: {
          zh: "服务端域名的解析记录被删除或配置错误，所有人都解析不到。",
          en: "The API host's DNS records were removed or misconfigured, so nobody can resolve it.",
        },
        howToTell: {
          zh: "所有网络、所有用户同时出现，只影响某个域名；`dig` 也查不到地址。",
          en: "All networks and users at once, one host only; `dig` returns no address either.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户确认手机能上网（用浏览器打开网页）；连着公共 Wi-Fi 的话先在浏览器里完成登录；关闭 VPN，检查“私人 DNS”是否设为自动或关闭；再换移动数据试试。",
      en: "Ask the user to confirm the phone is online (open a web page); on public Wi-Fi, complete the login page first; turn off any VPN, set Private DNS to automatic or off, and try mobile data.",
    },
    opsChecks: [
      {
        zh: "从多个解析器检查 API 域名：`dig +short <host>`、`dig +short @8.8.8.8 <host>`、`dig +short @223.5.5.5 <host>`。",
        en: "Resolve the API hosts from several resolvers: `dig +short <host>`, `dig +short @8.8.8.8 <host>`, `dig +short @223.5.5.5 <host>`.",
      },
      {
        zh: "按网络类型、运营商和地区拆分 50504，区分“没有外网”和“某运营商 DNS 故障”。",
        en: 'Split 50504 by network type, carrier and region to tell "no internet" apart from one carrier\'s DNS failing.',
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，尤其集中在某个运营商/地区，或者所有网络上都解析不到某个域名。",
      en: "Many users at once, especially on one carrier or region, or a host that cannot be resolved from any network.",
    },
    relatedCodes: [103, 1001, 1004, 50500, 50501, 50505],
    exceptions: [
      {
        className: "java.net.UnknownHostException",
        message: 'Unable to resolve host "<host>": No address associated with hostname',
        note: {
          zh: "如果系统网络检测说“没有网络”，记为 50501；走 e.toString() 路径的 SDK 版本会记为 50500。",
          en: "Recorded as 50501 if the connectivity check says there is no network; SDK builds on the e.toString() path record it as 50500.",
        },
      },
    ],
  },
  {
    code: 50505,
    family: "network",
    seedText: "failed to connect to..",
    seedAnalysis: "当前网络没有网络",
    title: { zh: "无法连接服务器", en: "Failed to connect to the server" },
    summary: {
      zh: "域名已经解析出来了，但和服务器的 TCP 连接建立不起来：被拒绝、超时或路由不可达。在 Android 上连接超时也报 “failed to connect to ... after Nms”，所以也会归为 50505。",
      en: 'The host name resolved, but a TCP connection to the server could not be set up: refused, timed out or unreachable. On Android a connect timeout also reads "failed to connect to ... after Nms", so it is filed as 50505 too.',
    },
    causes: [
      {
        title: { zh: "当前网络到不了服务器", en: "The current network cannot reach the server" },
        detail: {
          zh: "网络没有外网、信号太差，或者防火墙/代理拦截了连接。",
          en: "The network has no internet, the signal is too poor, or a firewall or proxy blocks the connection.",
        },
        howToTell: {
          zh: "cause 里是 ETIMEDOUT 或 EHOSTUNREACH；集中在个别用户或某个网络，换网络后恢复。",
          en: "The cause holds ETIMEDOUT or EHOSTUNREACH; limited to individual users or one network, and fixed by changing networks.",
        },
      },
      {
        title: { zh: "服务器拒绝连接", en: "Server refuses the connection" },
        detail: {
          zh: "服务器或负载均衡没有在端口上监听、实例下线，或者防火墙直接拒绝。",
          en: "The server or load balancer is not listening on the port, an instance is down, or a firewall rejects the connection.",
        },
        howToTell: {
          zh: "cause 里是 ECONNREFUSED；很多用户同时出现，按远端 IP 拆分时集中在某些 IP。",
          en: "The cause holds ECONNREFUSED; many users at once, concentrated on certain remote IPs.",
        },
      },
      {
        title: { zh: "连接超时", en: "Connect timeout" },
        detail: {
          zh: "在连接超时时间内没有收到服务器回应（网络丢包，或服务器/负载均衡过载）。",
          en: "No answer from the server within the connect timeout (packet loss, or an overloaded server or load balancer).",
        },
        howToTell: {
          zh: "信息为 “failed to connect to ... after <N>ms”。",
          en: 'The message reads "failed to connect to ... after <N>ms".',
        },
      },
    ],
    supportAdvice: {
      zh: "请用户确认手机能上网，关闭 VPN/代理后重试，并换一个网络（Wi-Fi 与移动数据互换）试试；如果很多用户同时反馈，直接上报。",
      en: "Ask the user to check the phone is online, turn off any VPN/proxy and retry, and try another network (swap Wi-Fi and mobile data); if many users report it at once, escalate.",
    },
    opsChecks: [
      {
        zh: "按远端 IP 和 cause（ECONNREFUSED / ETIMEDOUT / EHOSTUNREACH）拆分 50505。",
        en: "Split 50505 by remote IP and cause (ECONNREFUSED / ETIMEDOUT / EHOSTUNREACH).",
      },
      {
        zh: "逐个 IP 测试端口是否可达：`nc -vz -w 5 <ip> 443`，并检查负载均衡健康检查和实例状态。",
        en: "Test each IP's port: `nc -vz -w 5 <ip> 443`, and check load-balancer health checks and instance state.",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，或失败集中在某些远端 IP / 某个地区。",
      en: "Many users at once, or failures concentrated on certain remote IPs or one region.",
    },
    relatedCodes: [103, 50501, 50504, 50506, 50507],
    exceptions: [
      {
        className: "java.net.ConnectException",
        message: "Failed to connect to <host>/<ip>:<port>",
        note: {
          zh: "OkHttp 的信息；cause 里是 ECONNREFUSED、ETIMEDOUT 或 EHOSTUNREACH。",
          en: "OkHttp's message; the cause holds ECONNREFUSED, ETIMEDOUT or EHOSTUNREACH.",
        },
      },
      {
        className: "java.net.SocketTimeoutException",
        message:
          "failed to connect to <host>/<ip> (port <port>) from <local ip> (port <local port>) after <N>ms",
        note: {
          zh: "Android 上的连接超时（“from ...” 部分可能没有）；小写后以 “failed to connect to” 开头，所以归为 50505 而不是 50507。",
          en: 'A connect timeout on Android (the "from ..." part may be missing); lower-cased it starts with "failed to connect to", so it is filed as 50505 rather than 50507.',
        },
      },
    ],
  },
  {
    code: 50506,
    family: "network",
    seedText: "no route to host",
    title: { zh: "无法路由到服务器", en: "No route to host" },
    summary: {
      zh: "手机的网络找不到通往服务器的路由（主机不可达）。通常是本地网络的问题，例如路由器没有可用网关、VPN 或路由配置错误，或者防火墙返回了“主机不可达”。",
      en: 'The phone\'s network has no route to the server (host unreachable). Usually a local network problem: a router without a working gateway, a VPN or routing misconfiguration, or a firewall answering "host unreachable".',
    },
    causes: [
      {
        title: { zh: "本地网络配置问题", en: "Local network misconfiguration" },
        detail: {
          zh: "Wi-Fi 连上了但路由器没有可用的网关，或者 IPv6 等路由不通。",
          en: "The Wi-Fi is connected but the router has no working gateway, or routing (for example IPv6) is broken.",
        },
        howToTell: {
          zh: "集中在某个 Wi-Fi；换移动数据后恢复。",
          en: "Limited to one Wi-Fi; mobile data works.",
        },
      },
      {
        title: { zh: "VPN 或代理路由错误", en: "VPN or proxy routing error" },
        detail: {
          zh: "VPN/代理软件把流量导向了不可达的地方。",
          en: "A VPN or proxy app routes the traffic somewhere unreachable.",
        },
        howToTell: {
          zh: "关闭 VPN 后恢复。",
          en: "Turning off the VPN fixes it.",
        },
      },
      {
        title: { zh: "防火墙拦截", en: "Firewall rejection" },
        detail: {
          zh: "网络中的防火墙对服务器地址回应“主机不可达”。",
          en: 'A firewall on the path answers "host unreachable" for the server\'s address.',
        },
        howToTell: {
          zh: "按网络/运营商聚集，集中在某些服务器 IP。",
          en: "Clustered by network or carrier and on certain server IPs.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户关闭 VPN/代理，重启路由器，或者换成移动数据再试。",
      en: "Ask the user to turn off any VPN/proxy, restart the router, or switch to mobile data and retry.",
    },
    opsChecks: [
      {
        zh: "按远端 IP、网络类型和运营商拆分 50506，并与 50505 一起看（不同 SDK 版本对同一错误的归类可能不同）。",
        en: "Split 50506 by remote IP, network type and carrier, and read it together with 50505 (SDK builds may file the same error differently).",
      },
    ],
    escalateWhen: {
      zh: "多个用户在同一运营商/地区同时出现，或集中在某个服务器 IP。",
      en: "Several users on one carrier or region at once, or a concentration on one server IP.",
    },
    relatedCodes: [50505, 50507],
    exceptions: [
      {
        className: "java.net.NoRouteToHostException",
        message: "No route to host",
        note: {
          zh: "SDK 按信息开头 “no route to host” 归为 50506。通过 OkHttp 连接时，这类错误通常被包在 “Failed to connect to <host>/<ip>:<port>” 的 ConnectException 里（cause 中是 EHOSTUNREACH），那样会归为 50505（推断）。",
          en: 'The SDK files messages starting with "no route to host" as 50506. Through OkHttp this error is usually wrapped in a ConnectException "Failed to connect to <host>/<ip>:<port>" (EHOSTUNREACH in the cause), which is filed as 50505 instead (inferred).',
        },
      },
    ],
  },
  {
    code: 50507,
    family: "network",
    seedText: "connect timed out",
    title: { zh: "连接超时", en: "Connect timed out" },
    summary: {
      zh: "和服务器的 TCP 连接在超时时间内没有建立起来。在 Android 上，连接超时通常写成 “failed to connect to ... after Nms” 并被归为 50505，所以 50507 比较少见（推断）。",
      en: 'The TCP connection to the server was not established within the connect timeout. On Android a connect timeout usually reads "failed to connect to ... after Nms" and is filed as 50505, so 50507 is comparatively rare (inferred).',
    },
    causes: [
      {
        title: { zh: "网络差或丢包", en: "Poor network or packet loss" },
        detail: {
          zh: "信号差或网络拥塞，连接请求没有得到回应。",
          en: "Poor signal or congestion left the connection attempt unanswered.",
        },
        howToTell: {
          zh: "零星出现在个别用户身上，换网络后恢复。",
          en: "Sporadic, on individual users, and fixed on another network.",
        },
      },
      {
        title: { zh: "防火墙静默丢弃", en: "Firewall silently drops packets" },
        detail: {
          zh: "网络中的防火墙丢弃了连接请求，既不接受也不拒绝。",
          en: "A firewall on the path drops the connection attempt without accepting or rejecting it.",
        },
        howToTell: {
          zh: "按网络/运营商聚集，稳定复现。",
          en: "Clustered by network or carrier and reproducible.",
        },
      },
      {
        title: { zh: "服务器或负载均衡过载", en: "Overloaded server or load balancer" },
        detail: {
          zh: "服务器来不及接受新连接。",
          en: "The server cannot accept new connections fast enough.",
        },
        howToTell: {
          zh: "很多用户同时出现，集中在某些 IP，服务端连接数/队列告警。",
          en: "Many users at once, concentrated on certain IPs, with connection-count or backlog alerts on the server side.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换一个网络（Wi-Fi 与移动数据互换）后重试；很多用户同时反馈时直接上报。",
      en: "Ask the user to retry on another network (swap Wi-Fi and mobile data); escalate when many users report it at once.",
    },
    opsChecks: [
      {
        zh: "把 50507 与 50505 一起看，按远端 IP 和地区拆分；检查负载均衡的连接数和 SYN 队列。",
        en: "Read 50507 together with 50505, split by remote IP and region; check load-balancer connection counts and SYN backlog.",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，或集中在某些 IP、某个地区。",
      en: "Many users at once, or a concentration on certain IPs or one region.",
    },
    relatedCodes: [50408, 50503, 50505, 50508],
    exceptions: [
      {
        className: "java.net.SocketTimeoutException",
        message: "connect timed out",
        note: {
          zh: "标准 Java 库的写法；Android 自己的 socket 代码通常写成 “failed to connect to ... after <N>ms”，归为 50505。",
          en: "The standard Java library's wording; Android's own socket code usually says \"failed to connect to ... after <N>ms\", which is filed as 50505.",
        },
      },
    ],
  },
  {
    code: 50508,
    family: "network",
    seedText: "ssl handshake timed out",
    title: { zh: "SSL 握手超时", en: "SSL handshake timed out" },
    summary: {
      zh: "TCP 已经连上，但 TLS 握手没能在超时时间内完成（握手使用的是读超时）。通常是网络慢，或者服务器的 TLS 处理跟不上。",
      en: "TCP was connected, but the TLS handshake did not finish in time (the handshake uses the read timeout). Usually a slow network or a server whose TLS processing cannot keep up.",
    },
    causes: [
      {
        title: { zh: "网络慢或丢包", en: "Slow or lossy network" },
        detail: {
          zh: "握手数据包被延迟或丢失。",
          en: "Handshake packets are delayed or lost.",
        },
        howToTell: {
          zh: "零星出现在个别用户身上，换网络后恢复。",
          en: "Sporadic, on individual users, and gone on another network.",
        },
      },
      {
        title: { zh: "服务器 TLS 过载", en: "Server TLS overloaded" },
        detail: {
          zh: "负责 TLS 的负载均衡或服务器 CPU 不够，握手排队。",
          en: "The load balancer or server terminating TLS is short of CPU, so handshakes queue up.",
        },
        howToTell: {
          zh: "很多用户同时出现，集中在某个域名/IP，服务端握手耗时上升。",
          en: "Many users at once, concentrated on one host or IP, with rising handshake times on the server side.",
        },
      },
      {
        title: { zh: "中间设备吞掉了握手", en: "A middlebox swallows the handshake" },
        detail: {
          zh: "防火墙或 SNI 过滤收到 ClientHello 后不回应（如果是直接断开，则表现为 50509）。",
          en: "A firewall or SNI filter receives the ClientHello and never answers (if it closes the connection instead, you get 50509).",
        },
        howToTell: {
          zh: "按网络/运营商/地区聚集，稳定复现。",
          en: "Clustered by network, carrier or region, and reproducible.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换一个网络（Wi-Fi 与移动数据互换）后重试；很多用户同时反馈时直接上报。",
      en: "Ask the user to retry on another network (swap Wi-Fi and mobile data); escalate when many users report it at once.",
    },
    opsChecks: [
      {
        zh: "测量握手耗时：`curl -o /dev/null -s -w '%{time_connect} %{time_appconnect}\\n' https://<host>/`，并查看负载均衡 TLS 的 CPU 与握手速率。",
        en: "Measure handshake time: `curl -o /dev/null -s -w '%{time_connect} %{time_appconnect}\\n' https://<host>/`, and check the load balancer's TLS CPU and handshake rate.",
      },
      {
        zh: "按域名、远端 IP、运营商和地区拆分 50508。",
        en: "Split 50508 by host, remote IP, carrier and region.",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，或集中在某个域名/IP/运营商。",
      en: "Many users at once, or a concentration on one host, IP or carrier.",
    },
    relatedCodes: [50408, 50502, 50503, 50507, 50509],
    exceptions: [
      {
        className: "java.net.SocketTimeoutException",
        message: "SSL handshake timed out",
        note: {
          zh: "TLS 握手使用读超时。",
          en: "The TLS handshake uses the read timeout.",
        },
      },
    ],
  },
  {
    code: 50509,
    family: "network",
    seedText: "connection closed by peer",
    seedAnalysis: "请求被云端拒绝",
    title: {
      zh: "连接被对端关闭（请求被云端拒绝）",
      en: "Connection closed by peer (rejected by the cloud)",
    },
    summary: {
      zh: "TLS 握手时，对端（服务器、负载均衡、防火墙或 SNI 过滤）收到 ClientHello 后直接关闭了连接，涂鸦的说法是“请求被云端拒绝”。TLS 版本或加密套件不匹配也会是这个表现。",
      en: "During the TLS handshake the other end (server, load balancer, firewall or SNI filter) closed the connection right after the ClientHello; Tuya describes it as the request being rejected by the cloud. A TLS version or cipher mismatch looks the same.",
    },
    causes: [
      {
        title: {
          zh: "服务器或负载均衡拒绝握手",
          en: "Server or load balancer refuses the handshake",
        },
        detail: {
          zh: "服务端在握手阶段关闭连接，例如配置变更、节点异常或不认识请求里的 SNI。",
          en: "The server side closes the connection during the handshake, for example after a configuration change, on a faulty node, or when it does not recognise the SNI.",
        },
        howToTell: {
          zh: "在某次变更时出现阶跃，集中在某个域名或远端 IP，所有网络都受影响。",
          en: "A step at a change, concentrated on one host or remote IP, across all networks.",
        },
      },
      {
        title: { zh: "TLS 版本或加密套件不匹配", en: "TLS version or cipher mismatch" },
        detail: {
          zh: "服务端只接受手机不支持的 TLS 版本或加密套件（多见于旧 Android），握手一开始就被关闭。",
          en: "The server only accepts TLS versions or ciphers the phone does not offer (mostly old Android), so the handshake is closed at once.",
        },
        howToTell: {
          zh: "集中在旧的 Android 版本，开始时间和服务端 TLS 策略调整吻合。",
          en: "Concentrated on old Android versions, starting when the server's TLS policy was changed.",
        },
      },
      {
        title: { zh: "防火墙或 SNI 过滤", en: "Firewall or SNI filter" },
        detail: {
          zh: "用户所在网络或地区的防火墙按域名（SNI）阻断了连接。",
          en: "A firewall on the user's network or in their region blocks the connection by host name (SNI).",
        },
        howToTell: {
          zh: "按网络、运营商或地区聚集；换网络后恢复。",
          en: "Clustered by network, carrier or region; another network works.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换一个网络（Wi-Fi 与移动数据互换）、关闭 VPN/代理后重试；记录手机系统版本。很多用户同时反馈时直接上报。",
      en: "Ask the user to retry on another network (swap Wi-Fi and mobile data) with any VPN/proxy off, and note the Android version. Escalate when many users report it at once.",
    },
    opsChecks: [
      {
        zh: "检查服务端支持的 TLS 版本：`openssl s_client -connect <host>:443 -servername <host> -tls1_2 </dev/null`（以及 `-tls1_3`），并核对负载均衡 TLS 策略最近是否调整。",
        en: "Check which TLS versions the server accepts: `openssl s_client -connect <host>:443 -servername <host> -tls1_2 </dev/null` (and `-tls1_3`), and whether the load balancer's TLS policy changed recently.",
      },
      {
        zh: "按 Android API 级别、远端 IP、运营商和地区拆分 50509；同时看 50502 里有没有信息为 “Connection closed by peer” 的记录。",
        en: 'Split 50509 by Android API level, remote IP, carrier and region; also look for "Connection closed by peer" messages inside 50502.',
      },
      {
        zh: "查看 WAF/防火墙日志里被拦截的握手。",
        en: "Check WAF/firewall logs for blocked handshakes.",
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，或集中在旧 Android 版本、某个域名、某个运营商/地区，或出现在 TLS 配置变更之后。",
      en: "Many users at once, or a concentration on old Android versions, one host, or one carrier/region, or an onset after a TLS configuration change.",
    },
    relatedCodes: [50500, 50502, 50508],
    exceptions: [
      {
        className: "javax.net.ssl.SSLHandshakeException",
        message: "Connection closed by peer",
        note: {
          zh: "对端在 ClientHello 后关闭连接。部分 SDK 版本（走 e.toString() 路径）会把它判为 50502，所以在这些版本上要到 50502 里找它。",
          en: "The other end closed the connection after the ClientHello. Some SDK builds (the e.toString() path) classify it as 50502, so on those builds look for it under 50502.",
        },
      },
    ],
  },
  {
    code: 50510,
    family: "network",
    seedText: "stream was reset: protocol_error",
    title: { zh: "HTTP/2 流被重置（协议错误）", en: "HTTP/2 stream reset (PROTOCOL_ERROR)" },
    summary: {
      zh: "在 HTTP/2 连接上，服务器或中间代理以 PROTOCOL_ERROR 重置了请求流。这通常是服务器或代理 HTTP/2 实现的问题，已知的规避办法是强制使用 HTTP/1.1。",
      en: "On an HTTP/2 connection the server or a proxy in between reset the request stream with PROTOCOL_ERROR. This is usually a problem in the server's or proxy's HTTP/2 implementation; forcing HTTP/1.1 is the known workaround.",
    },
    causes: [
      {
        title: { zh: "服务端 HTTP/2 问题", en: "Server-side HTTP/2 problem" },
        detail: {
          zh: "服务器、负载均衡或 CDN 的 HTTP/2 实现有缺陷或配置变更，对客户端的请求回应 PROTOCOL_ERROR。",
          en: "A bug or configuration change in the HTTP/2 implementation of the server, load balancer or CDN makes it answer the client's requests with PROTOCOL_ERROR.",
        },
        howToTell: {
          zh: "在某次变更时出现阶跃，集中在某个域名，所有网络都受影响。",
          en: "A step at a change, concentrated on one host, across all networks.",
        },
      },
      {
        title: { zh: "中间代理的 HTTP/2 问题", en: "HTTP/2 problem in a proxy on the path" },
        detail: {
          zh: "用户网络中的代理或安全设备对 HTTP/2 处理有问题。",
          en: "A proxy or security appliance on the user's network mishandles HTTP/2.",
        },
        howToTell: {
          zh: "按网络/运营商聚集，换网络后恢复。",
          en: "Clustered by network or carrier; another network works.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换一个网络后重试；如果多个用户同时出现，直接上报，这通常需要服务端处理。",
      en: "Ask the user to retry on another network; if several users are affected, escalate, since this usually needs a server-side fix.",
    },
    opsChecks: [
      {
        zh: "对比 HTTP/2 与 HTTP/1.1 的行为：`curl -sv --http2 https://<host>/<path>` 和 `curl -sv --http1.1 https://<host>/<path>`。",
        en: "Compare HTTP/2 and HTTP/1.1 behaviour: `curl -sv --http2 https://<host>/<path>` and `curl -sv --http1.1 https://<host>/<path>`.",
      },
      {
        zh: "检查出现时间前后负载均衡/CDN 的 HTTP/2 配置或版本变更。",
        en: "Check for HTTP/2 configuration or version changes on the load balancer/CDN around the onset.",
      },
      {
        zh: "规避办法：在边缘关闭 HTTP/2，或让客户端强制 HTTP/1.1（OkHttp：`protocols(listOf(Protocol.HTTP_1_1))`）。",
        en: "Workaround: disable HTTP/2 at the edge, or have the client force HTTP/1.1 (OkHttp: `protocols(listOf(Protocol.HTTP_1_1))`).",
      },
    ],
    escalateWhen: {
      zh: "多个用户同时出现，或在服务端变更后出现。",
      en: "Several users at once, or an onset after a server-side change.",
    },
    relatedCodes: [50408, 50503],
    exceptions: [
      {
        className: "okhttp3.internal.http2.StreamResetException",
        message: "stream was reset: PROTOCOL_ERROR",
        note: {
          zh: "只出现在 HTTP/2 连接上；强制 HTTP/1.1 可以规避。",
          en: "Only on HTTP/2 connections; forcing HTTP/1.1 avoids it.",
        },
      },
    ],
  },
  {
    code: 50511,
    family: "network",
    seedText: "canceled",
    seedAnalysis: "网络请求已被取消（APP 本地取消的）",
    title: { zh: "请求已取消", en: "Request canceled" },
    summary: {
      zh: "网络请求是 App 自己在本地取消的（例如用户离开了页面），不是网络故障。SDK 通常会直接丢弃被取消的请求，所以这个码很少见。",
      en: "The network request was cancelled locally by the app (for example the user left the screen); it is not a network fault. The SDK usually drops cancelled calls, so this code is rare.",
    },
    causes: [
      {
        title: { zh: "用户操作导致取消", en: "Cancelled by a user action" },
        detail: {
          zh: "用户离开页面、退出登录或关闭 App，正在进行的请求被取消。",
          en: "The user left the screen, logged out or closed the app, cancelling requests in flight.",
        },
      },
      {
        title: { zh: "App 逻辑取消", en: "Cancelled by app logic" },
        detail: {
          zh: "App 用新请求替换了旧请求，或者自己的流程中止了请求。",
          en: "The app replaced an old request with a new one, or its own flow aborted the request.",
        },
        howToTell: {
          zh: "集中在某个 App 版本或某个页面。",
          en: "Concentrated on one app version or screen.",
        },
      },
    ],
    supportAdvice: {
      zh: "一般不需要处理；如果用户的操作因此没有生效，让用户停留在页面上重试一次。",
      en: "Usually nothing to do; if the user's action did not take effect, ask them to stay on the screen and try again.",
    },
    opsChecks: [
      {
        zh: "如果 50511 突然变多，按 App 版本和页面拆分，检查新版本的取消逻辑。",
        en: "If 50511 suddenly grows, split it by app version and screen and check the new version's cancellation logic.",
      },
    ],
    escalateWhen: {
      zh: "在某个 App 版本发布后明显增多。",
      en: "It grows clearly after an app release.",
    },
    relatedCodes: [50408],
    exceptions: [
      {
        className: "java.io.IOException",
        message: "Canceled",
        note: {
          zh: "OkHttp 中调用被 cancel() 后抛出。",
          en: "Thrown by OkHttp after the call was cancel()ed.",
        },
      },
    ],
  },
  {
    code: 50512,
    family: "network",
    seedText: "502",
    seedAnalysis: "无效网关 云端问题",
    title: { zh: "502 网关错误（云端问题）", en: "HTTP 502 Bad Gateway (cloud-side)" },
    summary: {
      zh: "服务器返回了 HTTP 502：云端入口的网关或负载均衡没有从后端服务拿到有效响应。这是云端的问题，不是用户的问题。",
      en: "The server returned HTTP 502: the gateway or load balancer at the cloud's edge got no valid response from the backend service. This is a cloud-side problem, not the user's.",
    },
    causes: [
      {
        title: { zh: "后端服务不可用", en: "Backend service unavailable" },
        detail: {
          zh: "后端服务宕机、重启或正在发布，网关转发失败。",
          en: "The backend is down, restarting or being deployed, so the gateway cannot forward the request.",
        },
        howToTell: {
          zh: "很多用户同时出现，集中在某个接口/服务，时间与发布或故障吻合。",
          en: "Many users at once, concentrated on one endpoint or service, timed with a deploy or outage.",
        },
      },
      {
        title: { zh: "网关与后端之间的问题", en: "Problem between gateway and backend" },
        detail: {
          zh: "网关连接后端超时、连接被重置或后端返回了无法识别的响应。",
          en: "The gateway timed out connecting to the backend, the connection was reset, or the backend sent a malformed response.",
        },
        howToTell: {
          zh: "网关日志里有 upstream 错误。",
          en: "Upstream errors in the gateway logs.",
        },
      },
      {
        title: { zh: "用户网络中的代理", en: "A proxy on the user's network" },
        detail: {
          zh: "少数情况下 502 来自用户网络里的代理，而不是我们的网关。",
          en: "Occasionally the 502 comes from a proxy on the user's network rather than our gateway.",
        },
        howToTell: {
          zh: "只在某个网络下出现，我们的网关日志里没有对应记录。",
          en: "Only on one network, with no matching record in our gateway logs.",
        },
      },
    ],
    supportAdvice: {
      zh: "告诉用户这是服务端的临时问题，稍后再试即可，不需要修改手机设置；如果持续出现，请上报。",
      en: "Tell the user it is a temporary server-side problem and to try again later; no phone settings need changing. If it persists, escalate.",
    },
    opsChecks: [
      {
        zh: "查看网关/负载均衡日志中的 502 和 upstream 错误，确认后端实例健康状态。",
        en: "Check gateway/load-balancer logs for 502s and upstream errors, and the health of the backend instances.",
      },
      {
        zh: "把出现时间与发布、扩缩容和故障记录对照，按域名/接口拆分。",
        en: "Line up the onset with deploys, scaling events and incidents, and split by host and endpoint.",
      },
    ],
    escalateWhen: {
      zh: "持续出现，或者多个用户同时出现，都应上报。",
      en: "Escalate whenever it persists or several users see it at the same time.",
    },
    relatedCodes: [50500, 50513],
  },
  {
    code: 50513,
    family: "network",
    seedText: "503",
    seedAnalysis: "一种 HTTP 协议的服务器端错误状态代码，它表示服务器尚未处于可以接受请求的状态",
    title: { zh: "503 服务不可用", en: "HTTP 503 Service Unavailable" },
    summary: {
      zh: "服务器返回了 HTTP 503：服务暂时无法处理请求，例如过载、限流、维护或发布中。这是云端问题，通常过一会儿就会恢复。",
      en: "The server returned HTTP 503: the service cannot handle requests right now, for example because of overload, rate limiting, maintenance or a deploy. This is cloud-side and usually clears after a while.",
    },
    causes: [
      {
        title: { zh: "服务过载或限流", en: "Overload or rate limiting" },
        detail: {
          zh: "请求量超过容量，或触发了限流。",
          en: "Traffic exceeds capacity, or a rate limit was hit.",
        },
        howToTell: {
          zh: "与流量高峰吻合；服务端 CPU/队列告警或限流日志。",
          en: "Matches a traffic peak; server CPU or queue alerts, or rate-limit logs.",
        },
      },
      {
        title: { zh: "维护或发布中", en: "Maintenance or deploy" },
        detail: {
          zh: "服务正在维护或发布，暂时没有可用的实例。",
          en: "The service is under maintenance or being deployed and has no healthy instance for the moment.",
        },
        howToTell: {
          zh: "时间与维护窗口或发布记录吻合。",
          en: "Timed with a maintenance window or a deploy.",
        },
      },
    ],
    supportAdvice: {
      zh: "告诉用户服务暂时繁忙或在维护，稍后再试；不需要修改手机设置。如果持续出现，请上报。",
      en: "Tell the user the service is temporarily busy or under maintenance and to try again later; no phone settings need changing. If it persists, escalate.",
    },
    opsChecks: [
      {
        zh: "检查服务容量、限流配置和维护窗口，以及响应里的 Retry-After。",
        en: "Check service capacity, rate-limit settings and maintenance windows, and any Retry-After header in the responses.",
      },
      {
        zh: "检查负载均衡后端池中健康实例的数量。",
        en: "Check how many healthy instances the load balancer's backend pool has.",
      },
    ],
    escalateWhen: {
      zh: "持续出现，或者多个用户同时出现，都应上报。",
      en: "Escalate whenever it persists or several users see it at the same time.",
    },
    relatedCodes: [50512],
  },
  {
    code: 50514,
    family: "network",
    seedText: "json error",
    seedAnalysis: "JSON 解析错误",
    title: { zh: "JSON 解析错误", en: "JSON parse error" },
    summary: {
      zh: "收到了 HTTP 响应，但内容不是合法的 JSON。常见于公共 Wi-Fi 登录页、代理错误页替换了响应，或响应被截断，也可能是服务端返回的格式有误。",
      en: "An HTTP response arrived but its body is not valid JSON. Common when a public Wi-Fi login page or a proxy error page replaced the response, or the body was truncated; it can also be a malformed response from the server.",
    },
    causes: [
      {
        title: { zh: "响应被网络替换", en: "Response replaced by the network" },
        detail: {
          zh: "公共 Wi-Fi、代理或运营商返回了 HTML 页面。",
          en: "A public Wi-Fi, proxy or carrier returned an HTML page.",
        },
        howToTell: {
          zh: "只在某个网络下出现，换网络后恢复。",
          en: "Only on one network; another network works.",
        },
      },
      {
        title: { zh: "响应被截断", en: "Truncated response" },
        detail: {
          zh: "传输中断，只收到一部分内容。",
          en: "The transfer broke off and only part of the body arrived.",
        },
        howToTell: {
          zh: "零星出现，伴随超时类错误。",
          en: "Sporadic, alongside timeout codes.",
        },
      },
      {
        title: { zh: "服务端返回格式错误", en: "Malformed server response" },
        detail: {
          zh: "服务端某个接口返回了错误格式的数据（例如异常页面）。",
          en: "A server endpoint returned malformed data (such as an error page).",
        },
        howToTell: {
          zh: "所有网络都出现，集中在某个接口，时间与发布吻合。",
          en: "On all networks, concentrated on one endpoint, timed with a release.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换一个网络重试（公共 Wi-Fi 需先在浏览器里完成登录），并把 App 升级到最新版本。",
      en: "Ask the user to retry on another network (on public Wi-Fi, complete the browser login first) and update the app.",
    },
    opsChecks: [
      {
        zh: "按接口、网络类型和 App 版本拆分 50514，对照服务端发布时间。",
        en: "Split 50514 by endpoint, network type and app version and compare with server release times.",
      },
    ],
    escalateWhen: {
      zh: "所有网络上都出现，或者集中在某个接口。",
      en: "It happens on every network, or concentrates on one endpoint.",
    },
    relatedCodes: [102, 12001, 50512],
  },
  {
    code: 50515,
    family: "network",
    seedText: "Hostname ...not verified",
    title: {
      zh: "主机名校验失败（证书与域名不匹配）",
      en: "Hostname not verified (certificate does not match the host)",
    },
    summary: {
      zh: "服务器出示的证书链校验通过了，但这张证书不是签给当前域名的，说明连接到的很可能不是我们的服务器：DNS 被劫持、公共 Wi-Fi 登录页，或者负载均衡/虚拟主机配错了证书。",
      en: "The server's certificate chain validated, but the certificate was not issued for this host name, so the phone was probably not talking to our server: DNS hijacking, a captive portal, or the wrong certificate on a load balancer or virtual host.",
    },
    causes: [
      {
        title: { zh: "DNS 被劫持", en: "DNS hijacking" },
        detail: {
          zh: "运营商或网络把我们的域名解析到了别的服务器。",
          en: "The carrier or network resolves our host name to some other server.",
        },
        howToTell: {
          zh: "远端 IP 不属于我们；按网络/运营商/地区聚集。",
          en: "The remote IP is not ours; clustered by network, carrier or region.",
        },
      },
      {
        title: { zh: "公共 Wi-Fi 登录页", en: "Captive portal" },
        detail: {
          zh: "公共 Wi-Fi 在用户登录前把所有 HTTPS 请求引到自己的登录页。",
          en: "A public Wi-Fi redirects all HTTPS traffic to its own login page until the user signs in.",
        },
        howToTell: {
          zh: "异常里证书的 DN/subjectAltNames 是 Wi-Fi 提供商的域名；在浏览器里登录后恢复。",
          en: "The certificate DN/subjectAltNames in the message name the Wi-Fi provider; signing in through the browser fixes it.",
        },
      },
      {
        title: {
          zh: "负载均衡/虚拟主机证书配错",
          en: "Wrong certificate on a load balancer or virtual host",
        },
        detail: {
          zh: "我们的某个节点或虚拟主机为这个域名出示了其他域名的证书（例如 SNI 配置错误）。",
          en: "One of our nodes or virtual hosts presents another domain's certificate for this host (for example an SNI misconfiguration).",
        },
        howToTell: {
          zh: "在部署时出现阶跃，只影响某个域名，所有网络都有；远端 IP 是我们的。",
          en: "A step at a deploy, one host only, on every network; the remote IP is ours.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户换一个网络（尤其是离开公共 Wi-Fi，或先在浏览器里完成 Wi-Fi 登录）后重试，关闭 VPN/代理；如果换网络也不行或很多用户同时出现，请上报。",
      en: "Ask the user to retry on another network (especially leaving a public Wi-Fi, or completing its browser login first) with any VPN/proxy off; if other networks fail too or many users are affected, escalate.",
    },
    opsChecks: [
      {
        zh: "对域名背后的每个 IP 检查证书名称：`openssl s_client -connect <ip>:443 -servername <host> </dev/null | openssl x509 -noout -subject -ext subjectAltName`。",
        en: "Check the certificate names on every IP behind the host: `openssl s_client -connect <ip>:443 -servername <host> </dev/null | openssl x509 -noout -subject -ext subjectAltName`.",
      },
      {
        zh: "把上报的远端 IP 与我们的 IP 段对比，按运营商/地区拆分，判断是否 DNS 劫持。",
        en: "Compare reported remote IPs with our IP ranges and split by carrier and region to spot DNS hijacking.",
      },
      {
        zh: "同时看 50500 里信息为 “Hostname <host> not verified” 的记录（部分 SDK 版本会这样归类）。",
        en: 'Also look for "Hostname <host> not verified" messages inside 50500 (some SDK builds file them there).',
      },
    ],
    escalateWhen: {
      zh: "很多用户同时出现，或集中在某个域名、运营商或地区。",
      en: "Many users at once, or a concentration on one host, carrier or region.",
    },
    relatedCodes: [50500, 50502, 50504, 50516],
    exceptions: [
      {
        className: "javax.net.ssl.SSLPeerUnverifiedException",
        message: "Hostname <host> not verified:",
        note: {
          zh: "后面跟着证书的 DN 和 subjectAltNames，看这些名字就能知道对端是谁。部分 SDK 版本因大小写比较的缺陷会把它归为 50500。",
          en: "Followed by the certificate's DN and subjectAltNames, which tell you who answered. Some SDK builds file it as 50500 because of a case-sensitive comparison bug.",
        },
      },
    ],
  },
  {
    code: 50516,
    family: "network",
    seedText: "certificate pinning failure",
    title: { zh: "证书固定（Pinning）校验失败", en: "Certificate pinning failure" },
    summary: {
      zh: "证书链校验通过了，但链上没有任何一张证书的公钥在 App 内置的固定列表（pin）里。要么连接被拦截代理或公司的 TLS 检查设备换了证书，要么服务端换了密钥或 CA 而 App 的固定列表里没有新的。",
      en: "The certificate chain validated, but none of its public keys is in the app's pin set. Either an interception proxy or corporate TLS inspection replaced the certificate, or the server rotated its key or CA without the new one being in the app's pins.",
    },
    causes: [
      {
        title: { zh: "拦截代理或抓包", en: "Interception proxy or traffic capture" },
        detail: {
          zh: "用户装了抓包工具、带证书的 VPN 或安全软件，用自己的证书替换了服务器证书。",
          en: "A traffic-capture tool, a VPN with its own certificate, or security software replaced the server certificate with its own.",
        },
        howToTell: {
          zh: "只在个别手机或网络上出现；关闭 VPN/代理或卸载相关软件后恢复。",
          en: "Only on certain phones or networks; turning off the VPN/proxy or removing the software fixes it.",
        },
      },
      {
        title: { zh: "公司 TLS 检查", en: "Corporate TLS inspection" },
        detail: {
          zh: "公司或学校网络对 HTTPS 做了解密检查。",
          en: "An office or campus network decrypts and inspects HTTPS.",
        },
        howToTell: {
          zh: "按网络聚集（同一家公司/学校），换移动数据后恢复。",
          en: "Clustered by network (the same company or campus); mobile data works.",
        },
      },
      {
        title: { zh: "服务端轮换了密钥或 CA", en: "Server key or CA rotated" },
        detail: {
          zh: "服务端换了证书密钥或 CA，但已发布的 App 的固定列表里没有新的公钥。",
          en: "The server switched to a new key or CA that is missing from the pin set of the shipped apps.",
        },
        howToTell: {
          zh: "在证书部署时出现阶跃，所有用户、所有网络同时受影响，只涉及更换了证书的域名。",
          en: "A step when the certificate is deployed, all users on all networks at once, only on the hosts with the new certificate.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户关闭 VPN、代理、抓包或安全软件，换一个网络（例如移动数据）再试；如果换网络后仍然出现，或者很多用户同时出现，请立即上报。",
      en: "Ask the user to turn off any VPN, proxy, traffic-capture or security app and retry on another network (such as mobile data); if it persists on other networks or many users are affected, escalate immediately.",
    },
    opsChecks: [
      {
        zh: "计算线上证书的公钥 pin 并与 App 的固定列表对比：`openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`。",
        en: "Compute the live certificate's public-key pin and compare it with the app's pin set: `openssl s_client -connect <host>:443 -servername <host> </dev/null | openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`.",
      },
      {
        zh: "在任何证书、密钥或 CA 更换前，确认新的 pin（或备用 pin）已包含在已发布的 App 版本中。",
        en: "Before any certificate, key or CA change, confirm the new pin (or a backup pin) is already in the shipped app versions.",
      },
      {
        zh: "按网络类型、运营商和地区拆分 50516。",
        en: "Split 50516 by network type, carrier and region.",
      },
    ],
    escalateWhen: {
      zh: "多个用户在不同网络上同时出现，或出现在证书更换之后——这可能是整体故障。",
      en: "Several users on different networks at once, or an onset after a certificate change: this may be a fleet-wide outage.",
    },
    relatedCodes: [50502, 50515],
    exceptions: [
      {
        className: "javax.net.ssl.SSLPeerUnverifiedException",
        message: "Certificate pinning failure!",
        note: {
          zh: "后面列出对端证书链（Peer certificate chain）和该域名的固定列表（Pinned certificates）；对比两者可以看出是拦截者的证书还是我们自己的新证书。",
          en: "Followed by the peer certificate chain and the pinned certificates for the host; comparing them shows whether it is an interceptor's certificate or our own new one.",
        },
      },
    ],
  },
];
