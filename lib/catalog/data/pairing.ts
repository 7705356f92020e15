import type { CatalogEntry } from "../types";

export const pairingCodes: CatalogEntry[] = [
  {
    code: 1001,
    family: "pairing",
    seedText: "配网网络错误",
    title: { zh: "配网时网络错误", en: "Network error during pairing" },
    summary: {
      zh: "配网过程中手机的网络请求失败了。热点（AP）配网时最常见：手机连着设备自己的热点，这个热点没有外网，手机因此和家里的网络、云端都断开了。",
      en: "A network request failed while pairing a device. It is most common in hotspot (AP) pairing: the phone is connected to the device's own hotspot, which has no internet, so the phone loses both the home network and the cloud.",
    },
    causes: [
      {
        title: { zh: "手机还连着设备热点", en: "Phone still on the device hotspot" },
        detail: {
          zh: "热点配网时手机要连到设备的热点上，这段时间手机没有外网；配网结束后手机没有自动切回家里的 Wi-Fi。",
          en: "During hotspot pairing the phone joins the device's hotspot and has no internet; after pairing it did not switch back to the home Wi-Fi.",
        },
        howToTell: {
          zh: "手机的 Wi-Fi 列表显示还连着设备的热点，而不是家里的路由器。",
          en: "The phone's Wi-Fi settings show it is still on the device's hotspot rather than the home router.",
        },
      },
      {
        title: { zh: "系统因热点无外网而切走", en: "Android switches away from the hotspot" },
        detail: {
          zh: "Android 发现设备热点“无法访问互联网”后，可能弹窗询问或自动切到移动数据/其他 Wi-Fi，配网通信被打断。",
          en: "When Android sees the device hotspot has no internet it may prompt the user or switch to mobile data or another Wi-Fi on its own, breaking the pairing traffic.",
        },
        howToTell: {
          zh: "配网时系统弹出“此 WLAN 无法访问互联网”之类的提示；部分品牌手机上更常见。",
          en: 'The system shows a "this Wi-Fi has no internet access" prompt during pairing; more common on some phone brands.',
        },
      },
      {
        title: { zh: "家里的网络不稳定", en: "Unstable home network" },
        detail: {
          zh: "Wi-Fi 信号弱，或者路由器本身没有外网，手机在配网时连不上云端。",
          en: "Weak Wi-Fi signal, or the router itself has no internet, so the phone cannot reach the cloud while pairing.",
        },
        howToTell: {
          zh: "手机连家里 Wi-Fi 时浏览器也打不开网页；同时可能有 50504、50505。",
          en: "Web pages do not open on the home Wi-Fi either; 50504 or 50505 may appear at the same time.",
        },
      },
    ],
    supportAdvice: {
      zh: "配网时让手机、设备尽量靠近路由器；热点配网时如果系统提示“该 WLAN 无法访问互联网，是否保持连接”，请选择保持连接；配网结束后确认手机已经连回家里的 Wi-Fi 并能上网，再重试。",
      en: "Keep the phone and the device close to the router while pairing. In hotspot pairing, if the system asks whether to stay on a Wi-Fi without internet, choose to stay connected. After pairing, make sure the phone is back on the home Wi-Fi and online, then retry.",
    },
    opsChecks: [
      {
        zh: "按配网方式（快连/热点）、App 版本、Android 版本和手机品牌拆分配网错误。",
        en: "Split pairing errors by pairing mode (quick/EZ vs hotspot/AP), app version, Android version and phone brand.",
      },
      {
        zh: "查看同一时段 1004 是否也在上升（可能是云端 token 服务的问题）。",
        en: "Check whether 1004 is rising in the same window (which would point at the cloud token service).",
      },
    ],
    escalateWhen: {
      zh: "集中在某个 App 版本、Android 版本或手机品牌上，或者配网成功率整体下降。",
      en: "It concentrates on one app version, Android version or phone brand, or the overall pairing success rate drops.",
    },
    relatedCodes: [1002, 1004, 1005, 1006, 1007, 50501, 50504],
  },
  {
    code: 1002,
    family: "pairing",
    seedText: "配网绑定网关失败",
    title: { zh: "配网绑定网关失败", en: "Pairing: gateway binding failed" },
    summary: {
      zh: "配网时把网关（或设备）绑定到当前账号失败了，绑定请求被拒绝。最常见的是这台网关已经绑定在别的账号下。",
      en: "Binding the gateway (or device) to the current account failed during pairing; the binding was refused. Most often the gateway is already bound to another account.",
    },
    causes: [
      {
        title: { zh: "网关已被其他账号绑定", en: "Gateway already bound to another account" },
        detail: {
          zh: "设备还在家人、上一位用户或二手卖家的账号下，没有解绑，不能再绑到新账号。",
          en: "The device is still bound to a family member's, a previous owner's or a reseller's account and cannot be bound to a new one until it is released.",
        },
        howToTell: {
          zh: "用户说设备是二手的、别人用过的，或者家里其他人也配过；用设备 ID 查询能看到已有绑定。",
          en: "The device is second-hand or was set up by someone else in the home; looking up the device ID shows an existing binding.",
        },
      },
      {
        title: { zh: "绑定请求被云端拒绝", en: "Binding refused by the cloud" },
        detail: {
          zh: "云端没有接受这次绑定，例如请求不完整或配网流程中途出错。",
          en: "The cloud did not accept this binding, for example because the request was incomplete or the pairing flow broke off half-way.",
        },
        howToTell: {
          zh: "设备没有被任何账号绑定，重置设备后重新配网仍然失败。",
          en: "The device is not bound to any account and pairing still fails after a device reset.",
        },
      },
    ],
    supportAdvice: {
      zh: "先确认设备/网关有没有绑定在其他账号下：请原账号在 App 里移除设备，然后把设备重置（按说明书长按重置键），再重新配网。二手设备需要原主人先解绑。",
      en: "First check whether the device or gateway is bound to another account: have that account remove it in the app, reset the device (long-press the reset button as the manual describes) and pair again. A second-hand device must be released by its previous owner first.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查询设备当前绑定的账号和家庭。",
        en: "Look up the device ID to see which account and home it is currently bound to.",
      },
      {
        zh: "查看绑定接口的错误率和最近的发布。",
        en: "Check the binding API's error rate and recent releases.",
      },
    ],
    escalateWhen: {
      zh: "设备没有绑定在任何账号下仍然失败，或者多个用户同时绑定失败。",
      en: "The device is not bound to any account and still fails, or several users fail to bind at the same time.",
    },
    relatedCodes: [1001, 1004, 1005, 1006, 1007],
  },
  {
    code: 1004,
    family: "pairing",
    seedText: "配网获取 token 失败",
    title: { zh: "配网获取 token 失败", en: "Pairing: failed to get the pairing token" },
    summary: {
      zh: "配网开始前，App 需要先向云端申请一个配网 token，这一步要求手机能上网。token 没拿到，配网就无法开始。",
      en: "Before pairing starts the app asks the cloud for a pairing token, which needs the phone to be online. Without the token, pairing cannot start.",
    },
    causes: [
      {
        title: { zh: "手机没有外网", en: "Phone has no internet" },
        detail: {
          zh: "手机连着没有外网的 Wi-Fi（例如还连着设备热点），或者网络不稳定，申请 token 的请求发不出去。",
          en: "The phone is on a Wi-Fi without internet (for example still on a device hotspot) or the connection is unstable, so the token request cannot get through.",
        },
        howToTell: {
          zh: "浏览器也打不开网页；同时常见 50501、50504、50505。",
          en: "The browser cannot open web pages either; 50501, 50504 or 50505 often appear at the same time.",
        },
      },
      {
        title: { zh: "云端 token 服务异常", en: "Cloud token service problem" },
        detail: {
          zh: "云端生成 token 的接口临时故障，所有人都拿不到 token。",
          en: "The cloud API that issues tokens is temporarily failing, so nobody can get a token.",
        },
        howToTell: {
          zh: "很多用户同时出现，而且网络都正常。",
          en: "Many users at the same time, all with working networks.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户先确认手机连在家里能上网的 Wi-Fi 上（用浏览器打开网页试试），关掉 VPN/代理，然后重新开始配网。",
      en: "Ask the user to make sure the phone is on the home Wi-Fi and online (open a web page to check), turn off any VPN or proxy, then start pairing again.",
    },
    opsChecks: [
      {
        zh: "查看配网 token 接口的错误率和延迟。",
        en: "Check the error rate and latency of the pairing-token API.",
      },
      {
        zh: "按地区拆分 1004，看是否集中在某个数据中心/区域。",
        en: "Split 1004 by region to see whether it concentrates on one data centre or region.",
      },
    ],
    escalateWhen: {
      zh: "多个网络正常的用户同时拿不到 token。",
      en: "Several users with working networks fail to get a token at the same time.",
    },
    relatedCodes: [1001, 1002, 1005, 1006, 1007, 50501, 50504],
  },
  {
    code: 1005,
    family: "pairing",
    seedText: "配网检测设备在线状态失败",
    title: { zh: "配网时设备未上线", en: "Pairing: device never came online" },
    summary: {
      zh: "配网信息已经发给设备，但 App 在规定时间内一直没等到设备在云端上线。通常是设备连不上路由器，或者连上了却到不了云端。",
      en: "The pairing information reached the device, but the app never saw the device come online in the cloud within the time limit. Usually the device cannot join the router, or joins it but cannot reach the cloud.",
    },
    causes: [
      {
        title: { zh: "设备只支持 2.4 GHz", en: "Device supports 2.4 GHz only" },
        detail: {
          zh: "大多数智能设备只能连 2.4 GHz Wi-Fi；路由器只开了 5 GHz，或者双频合一时设备连不上。",
          en: "Most smart devices can only use 2.4 GHz Wi-Fi; if the router only offers 5 GHz, or merges both bands under one name, the device may fail to join.",
        },
        howToTell: {
          zh: "手机连的 Wi-Fi 名称带 5G，或路由器开了双频合一；换成 2.4 GHz 网络后成功。",
          en: 'The Wi-Fi name contains "5G", or the router uses band steering; pairing works on a 2.4 GHz network.',
        },
      },
      {
        title: { zh: "路由器问题", en: "Router problem" },
        detail: {
          zh: "路由器开了 MAC 过滤、连接数满了、信号太弱，或者路由器本身没有外网，设备连不上或上不了云。",
          en: "MAC filtering, a full client list, weak signal, or a router without internet keeps the device from joining or from reaching the cloud.",
        },
        howToTell: {
          zh: "设备指示灯一直在配网状态或反复闪烁；换一个路由器或手机热点（2.4 GHz）可以成功。",
          en: "The device's LED stays in pairing mode or keeps blinking; pairing works with another router or a 2.4 GHz phone hotspot.",
        },
      },
      {
        title: { zh: "设备到云端的连接被阻断", en: "Device-to-cloud connection blocked" },
        detail: {
          zh: "防火墙或网络策略拦截了设备访问云端。",
          en: "A firewall or network policy blocks the device from reaching the cloud.",
        },
        howToTell: {
          zh: "常见于公司、酒店、学校网络；家用网络下正常。",
          en: "Typical of office, hotel or campus networks; works on a home network.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户确认路由器开启了 2.4 GHz（双频合一的可以暂时把 2.4G 和 5G 分成两个名称），路由器能正常上网，设备放在路由器附近；把设备重置后重新配网。",
      en: "Ask the user to make sure the router has 2.4 GHz enabled (if both bands share one name, split them temporarily), that the router is online, and that the device is near the router; then reset the device and pair again.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查看设备有没有向云端发起过连接、最近的上线记录。",
        en: "Look up the device ID for any connection attempts to the cloud and its latest online record.",
      },
      {
        zh: "按设备型号/固件版本拆分 1005，看是否集中在某个型号。",
        en: "Split 1005 by device model and firmware version to see whether one model dominates.",
      },
    ],
    escalateWhen: {
      zh: "某个设备型号或固件版本大量失败，或者多个用户在正常的家庭网络下都失败。",
      en: "Many failures on one device model or firmware version, or several users failing on ordinary home networks.",
    },
    relatedCodes: [1001, 1002, 1004, 1006, 1007, 10202],
  },
  {
    code: 1006,
    family: "pairing",
    seedText: "配网超时",
    title: { zh: "配网超时", en: "Pairing timed out" },
    summary: {
      zh: "在规定时间内没有完成配网。大多数情况是 Wi-Fi 密码输错、选了 5 GHz 网络，或者没有给 App 位置权限。",
      en: "Pairing did not finish within the time limit. Most cases are a wrong Wi-Fi password, a 5 GHz-only network, or a missing location permission.",
    },
    causes: [
      {
        title: { zh: "Wi-Fi 密码错误", en: "Wrong Wi-Fi password" },
        detail: {
          zh: "配网时输入的 Wi-Fi 密码不对，设备连不上路由器，一直等到超时。",
          en: "The Wi-Fi password entered during pairing is wrong, so the device cannot join the router and pairing runs into the timeout.",
        },
        howToTell: {
          zh: "设备一直停在配网状态；让用户核对密码（区分大小写）后通常就能成功。",
          en: "The device stays in pairing mode; re-entering the password carefully (it is case-sensitive) usually fixes it.",
        },
      },
      {
        title: { zh: "只有 5 GHz 网络", en: "5 GHz-only network" },
        detail: {
          zh: "手机连的是 5 GHz Wi-Fi，而设备只支持 2.4 GHz。",
          en: "The phone is on a 5 GHz Wi-Fi, while the device only supports 2.4 GHz.",
        },
        howToTell: {
          zh: "Wi-Fi 名称带 5G，或路由器只开了 5 GHz。",
          en: 'The Wi-Fi name contains "5G", or the router only offers 5 GHz.',
        },
      },
      {
        title: { zh: "缺少位置权限", en: "Location permission missing" },
        detail: {
          zh: "Android 要求 App 有位置权限（并打开定位服务）才能读取当前 Wi-Fi 名称和扫描设备，没有权限时配网可能无法进行。",
          en: "Android requires the location permission (and location services turned on) for an app to read the current Wi-Fi name and scan for devices; without it pairing may not proceed.",
        },
        howToTell: {
          zh: "配网页面上 Wi-Fi 名称是空的或不对；在系统设置里给 App 授予位置权限后成功。",
          en: "The Wi-Fi name on the pairing screen is empty or wrong; granting the location permission in system settings fixes it.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户：1) 核对 Wi-Fi 密码；2) 确认连的是 2.4 GHz 网络；3) 在系统设置里给 App 开启位置权限并打开手机定位；4) 设备靠近路由器，重置后重新配网。",
      en: "Ask the user to: 1) double-check the Wi-Fi password; 2) make sure the network is 2.4 GHz; 3) grant the app the location permission and turn on location services; 4) keep the device near the router, reset it and pair again.",
    },
    opsChecks: [
      {
        zh: "按配网方式、Android 版本、App 版本拆分 1006，看是否在某个版本后上升（例如权限流程变化）。",
        en: "Split 1006 by pairing mode, Android version and app version to see whether it rose after a version (for example a change in the permission flow).",
      },
      {
        zh: "按设备型号拆分，排查某个型号固件的配网问题。",
        en: "Split by device model to rule out a pairing problem in one model's firmware.",
      },
    ],
    escalateWhen: {
      zh: "在某个 App 或 Android 版本发布后明显上升，或集中在某个设备型号。",
      en: "A clear rise after an app or Android release, or a concentration on one device model.",
    },
    relatedCodes: [1001, 1002, 1004, 1005, 1007],
  },
  {
    code: 1007,
    family: "pairing",
    seedText: "配网错误设备列表",
    title: { zh: "配网失败的设备列表", en: "Pairing: list of devices that failed" },
    summary: {
      zh: "配网结束时 SDK 返回了一份配网出错的设备列表：这次配网里至少有一台设备没能加入，例如一次配多台设备或给网关添加子设备时。",
      en: "At the end of pairing the SDK returned a list of devices that failed: at least one device in this pairing run did not join, for example when several devices or gateway sub-devices are added at once.",
    },
    causes: [
      {
        title: { zh: "单台设备配网失败", en: "Individual devices failed to pair" },
        detail: {
          zh: "列表中的设备因为距离太远、信号弱、密码错误或只支持 2.4 GHz 等原因没有上线。",
          en: "The listed devices did not come online because of distance, weak signal, a wrong password or 2.4 GHz-only support.",
        },
        howToTell: {
          zh: "同一次配网中有的设备成功、有的失败；失败的设备离路由器或网关更远。",
          en: "Some devices in the same run succeeded and others failed; the failed ones are further from the router or gateway.",
        },
      },
      {
        title: { zh: "设备已被绑定", en: "Device already bound" },
        detail: {
          zh: "列表中的设备已经绑定在其他账号下，不能再被添加。",
          en: "The listed device is already bound to another account and cannot be added.",
        },
        howToTell: {
          zh: "失败的设备是二手的或家里其他人配过的；用设备 ID 能查到已有绑定。",
          en: "The failed device is second-hand or was set up by someone else; the device ID shows an existing binding.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户看看是哪几台设备失败了，把它们移到路由器或网关附近，逐台重置后单独配网；如果设备在别人账号下，需要先解绑。",
      en: "Ask the user which devices failed, move them close to the router or gateway, reset them and pair them one at a time; if a device belongs to another account, it must be released first.",
    },
    opsChecks: [
      {
        zh: "用列表里的设备 ID 逐个查询绑定状态和上线记录。",
        en: "Look up each device ID in the list for its binding state and online records.",
      },
    ],
    escalateWhen: {
      zh: "同一型号的设备大量出现在失败列表里。",
      en: "Devices of one model show up in failure lists in large numbers.",
    },
    relatedCodes: [1001, 1002, 1004, 1005, 1006],
  },
];
