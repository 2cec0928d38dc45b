/**
 * The floor under every analysis: V8 building n container report objects of flannel's shape (an
 * object, its ips, addresses and routes arrays, a kernel route, two address strings) and handing
 * them back, with no address math, no validation, nothing else. `npm run bench` times it the same
 * way as analyze(), so the growth of its time from 5,000 to 50,000 containers shows what V8's
 * generational heap does on this machine when the objects outlive the young generation — a
 * growth no analysis that returns these objects can beat.
 */
export function buildContainerObjects(n: number, perHost: number): unknown[] {
  const out = new Array<unknown>(n);
  const defaultRoute = { dst: "default", gateway: "10.0.0.1", dev: "eth0" };
  for (let i = 0; i < n; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    out[i] = {
      id: `c${i}`, name: `app-${i}`, host: `h${Math.floor(i / perHost)}`, cluster: "c1",
      ips: [ip], addresses: [`${ip}/24`], gateway: "10.0.0.1", mtu: 1450, interface: "eth0",
      routes: [defaultRoute, { dst: "10.0.0.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: ip }],
    };
  }
  return out;
}
