/** Small zod building blocks shared by the document schema and the backends' config schemas. */
import { z } from "zod";
import { parseCidr, parseIp } from "./addr/index.ts";

export const cidrText = z.string().superRefine((text, ctx) => {
  const r = parseCidr(text);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
});

export const cidr4Text = cidrText.superRefine((text, ctx) => {
  if (text.includes(":")) ctx.addIssue({ code: "custom", message: `"${text}" is IPv6; an IPv4 network is expected here` });
});

export const cidr6Text = cidrText.superRefine((text, ctx) => {
  if (!text.includes(":")) ctx.addIssue({ code: "custom", message: `"${text}" is IPv4; an IPv6 network is expected here` });
});

export const ipText = z.string().superRefine((text, ctx) => {
  const r = parseIp(text);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
});

export const port = z.number().int().min(1).max(65535);
export const id = z.string().min(1, "an id cannot be empty").max(200);
