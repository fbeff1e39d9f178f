import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Test support: a real SMTP server on loopback (smtp-server) that keeps what it receives, decoded far enough to read
 * subject and text (RFC 2047 words, base64 / quoted-printable parts), and can refuse deliveries to test retries.
 */
export interface ReceivedMail {
  messageId: string;
  outboxId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Every DATA the server saw, refused ones included (by Message-ID). */
  attempts: string[];
  close(): Promise<void>;
}

/** `refuse(messageId, attemptNo)` returns an SMTP code to refuse that delivery with (e.g. 451), or null to accept. */
export async function startSmtpSink(
  opts: { refuse?: (messageId: string, attempt: number) => number | null } = {},
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const attempts: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMail(
          raw,
          session.envelope.rcptTo.map((r) => r.address),
        );
        attempts.push(mail.messageId);
        const code = opts.refuse?.(mail.messageId, attempts.filter((m) => m === mail.messageId).length) ?? null;
        if (code) {
          const err = new Error(code >= 500 ? 'refused' : 'try again later') as Error & { responseCode: number };
          err.responseCode = code;
          return callback(err);
        }
        received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')),
    );
}

function decodeQp(s: string): string {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  const e = (encoding ?? '').toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (e === 'quoted-printable') return decodeQp(body);
  return body;
}

function parts(raw: string): { type: string; body: string }[] {
  const sep = raw.search(/\r?\n\r?\n/);
  const headers = splitHeaders(raw.slice(0, sep));
  const body = raw.slice(sep).replace(/^\r?\n\r?\n/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .flatMap((p) => parts(p.replace(/^\r?\n/, '')));
  }
  return [
    { type: type.split(';')[0].trim().toLowerCase(), body: decodeBody(body, headers.get('content-transfer-encoding')) },
  ];
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const sep = raw.search(/\r?\n\r?\n/);
  const headers = splitHeaders(raw.slice(0, sep));
  const all = parts(raw);
  return {
    messageId: headers.get('message-id') ?? '',
    outboxId: headers.get('x-beian-outbox-id') ?? '',
    from: decodeWords(headers.get('from') ?? ''),
    to,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: all.find((p) => p.type === 'text/plain')?.body ?? '',
    html: all.find((p) => p.type === 'text/html')?.body ?? '',
    raw,
  };
}
