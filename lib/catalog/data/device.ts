import type { CatalogEntry } from "../types";

export const deviceCodes: CatalogEntry[] = [
  {
    code: 10201,
    family: "device",
    seedText: "设备局域网不在线",
    title: { zh: "设备局域网不在线", en: "Device not on the local network" },
    summary: {
      zh: "手机在本地局域网里找不到这台设备，无法通过局域网直接控制。通常是手机和设备不在同一个 Wi-Fi 网络里。",
      en: "The phone cannot find the device on its local network, so it cannot control it directly over the LAN. Usually the phone and the device are not on the same Wi-Fi network.",
    },
    causes: [
      {
        title: { zh: "手机不在同一个网络", en: "Phone on a different network" },
        detail: {
          zh: "手机用的是移动数据，或者连了访客网络、另一台路由器、不同网段的中继器。",
          en: "The phone is on mobile data, a guest network, another router, or a repeater on a different subnet.",
        },
        howToTell: {
          zh: "设备在云端在线（没有 10202）；手机连回和设备相同的 Wi-Fi 后恢复。",
          en: "The device is online in the cloud (no 10202); it recovers once the phone joins the device's Wi-Fi.",
        },
      },
      {
        title: { zh: "路由器隔离了局域网设备", en: "Router isolates LAN clients" },
        detail: {
          zh: "路由器开了 AP 隔离/客户端隔离，或者防火墙禁止局域网内设备互相发现。",
          en: "AP/client isolation or a firewall on the router stops devices on the LAN from seeing each other.",
        },
        howToTell: {
          zh: "手机和设备确实连着同一个 Wi-Fi，但一直找不到；常见于公寓、酒店或带访客模式的路由器。",
          en: "Phone and device really are on the same Wi-Fi but never find each other; typical of apartments, hotels or routers in guest mode.",
        },
      },
      {
        title: { zh: "设备本身断开了 Wi-Fi", en: "Device dropped off Wi-Fi" },
        detail: {
          zh: "设备断电或掉线，这时一般也会出现 10202/10203。",
          en: "The device lost power or dropped off the network; 10202/10203 usually appear as well.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户把手机连到和设备相同的 Wi-Fi（不要用访客网络），关闭 VPN；如果路由器开了 AP 隔离，请关闭后重试。",
      en: "Ask the user to connect the phone to the same Wi-Fi as the device (not a guest network) and turn off any VPN; if the router has AP isolation enabled, turn it off and retry.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查看设备在云端是否在线；只有局域网不在线时一般是用户网络环境的问题。",
        en: "Look up the device ID to see whether it is online in the cloud; LAN-only offline is usually the user's network setup.",
      },
    ],
    escalateWhen: {
      zh: "在某个 App 版本后大量用户同时出现局域网不在线。",
      en: "Many users suddenly see LAN-offline after an app release.",
    },
    relatedCodes: [10202, 10203, 11005],
  },
  {
    code: 10202,
    family: "device",
    seedText: "设备云端不在线",
    title: { zh: "设备云端不在线", en: "Device offline in the cloud" },
    summary: {
      zh: "设备和云端的连接断了，App 在云端看到设备离线，不在同一局域网时就无法控制它。",
      en: "The device has lost its connection to the cloud; the app sees it as offline and cannot control it unless the phone is on the same LAN.",
    },
    causes: [
      {
        title: { zh: "路由器断网", en: "Router lost its internet connection" },
        detail: {
          zh: "设备还连着 Wi-Fi，但路由器本身上不了网。",
          en: "The device is still on Wi-Fi, but the router itself is offline.",
        },
        howToTell: {
          zh: "同一个家里的所有设备一起离线；在同一 Wi-Fi 下局域网可能还能控制。",
          en: "All devices in the home go offline together; LAN control on the same Wi-Fi may still work.",
        },
      },
      {
        title: { zh: "设备断电或掉线", en: "Device powered off or dropped off Wi-Fi" },
        detail: {
          zh: "设备断电、信号太弱，或者路由器换了/改了 Wi-Fi 名称和密码，设备连不上了。",
          en: "The device lost power or signal, or the router was replaced or its Wi-Fi name/password changed, so the device can no longer join.",
        },
        howToTell: {
          zh: "只有这一台设备离线；用户最近换过路由器或改过 Wi-Fi 密码。",
          en: "Only this device is offline; the user recently replaced the router or changed the Wi-Fi password.",
        },
      },
      {
        title: { zh: "设备接入服务异常", en: "Device connection service problem" },
        detail: {
          zh: "云端负责设备连接的服务故障，大量设备同时掉线。",
          en: "The cloud service that devices connect to is failing, so many devices drop at once.",
        },
        howToTell: {
          zh: "不同用户、不同地区的大量设备在同一时刻离线。",
          en: "Large numbers of devices across users and regions go offline at the same moment.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户检查设备是否通电、路由器能否上网、Wi-Fi 名称和密码有没有改过；把设备断电重启一次。如果换了路由器或改了密码，需要重新配网。",
      en: "Ask the user to check the device has power, the router is online, and the Wi-Fi name and password have not changed; power-cycle the device. If the router was replaced or the password changed, the device has to be paired again.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查看最近的上线/下线时间和掉线次数。",
        en: "Look up the device ID for its latest online/offline times and how often it drops.",
      },
      {
        zh: "看全局在线设备数是否突然下降，按地区拆分，检查设备接入服务。",
        en: "Check whether the global online-device count dropped suddenly, split by region, and check the device connection service.",
      },
    ],
    escalateWhen: {
      zh: "大量设备同时离线，或集中在某个地区、某个型号/固件版本。",
      en: "Many devices go offline at once, or it concentrates on one region, model or firmware version.",
    },
    relatedCodes: [10201, 10203, 1005, 11005],
  },
  {
    code: 10203,
    family: "device",
    seedText: "设备不在线",
    title: { zh: "设备不在线", en: "Device offline" },
    summary: {
      zh: "设备在局域网和云端都不在线，App 完全联系不到它。通常是设备断电、掉线，或家里网络出了问题。",
      en: "The device is offline both on the local network and in the cloud, so the app cannot reach it at all. Usually it has lost power or Wi-Fi, or the home network has a problem.",
    },
    causes: [
      {
        title: { zh: "设备断电", en: "Device has no power" },
        detail: {
          zh: "插座、开关被关掉，或电池没电。",
          en: "The socket or wall switch was turned off, or the battery is flat.",
        },
      },
      {
        title: { zh: "设备连不上 Wi-Fi", en: "Device cannot join the Wi-Fi" },
        detail: {
          zh: "信号太弱，或者换了路由器、改了 Wi-Fi 名称或密码。",
          en: "Signal too weak, or the router was replaced or its Wi-Fi name or password changed.",
        },
        howToTell: {
          zh: "用户最近调整过路由器；设备指示灯显示未联网。",
          en: "The user recently changed the router; the device's LED shows it is not connected.",
        },
      },
      {
        title: { zh: "家里网络故障", en: "Home network outage" },
        detail: {
          zh: "路由器故障或宽带断了，家里所有设备都离线。",
          en: "The router failed or the broadband is down, so every device in the home is offline.",
        },
        howToTell: {
          zh: "同一个家里的所有设备一起离线。",
          en: "All devices in the home are offline together.",
        },
      },
    ],
    supportAdvice: {
      zh: "请用户检查设备是否通电、路由器是否正常、Wi-Fi 名称和密码有没有改过，并把设备断电重启；换过路由器或改过密码的需要重新配网。",
      en: "Ask the user to check the device has power, the router works and the Wi-Fi name and password are unchanged, and to power-cycle the device; if the router or password changed, pair it again.",
    },
    opsChecks: [
      {
        zh: "用设备 ID 查看最近一次在线时间，以及离线前有没有异常（如升级）。",
        en: "Look up the device ID for its last online time and anything unusual before it went offline (such as an upgrade).",
      },
    ],
    escalateWhen: {
      zh: "大量设备同时离线，或者设备在固件升级后一直离线。",
      en: "Many devices go offline at once, or devices stay offline after a firmware upgrade.",
    },
    relatedCodes: [10201, 10202, 1102, 11005],
  },
];
