// A real SMTP server for tests (smtp-server on a free port): what a service's notifier sends arrives
// here, and a test can make it refuse for a while.
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';
import { freePort } from './processes';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export class SmtpListener {
  readonly mails: ReceivedMail[] = [];
  /** RCPT TO commands seen (each try of a send makes one). */
  rcptAttempts = 0;
  /** Answer the next `times` RCPT TO with this SMTP code (4xx: try later, 5xx: refused for good). */
  refuse: { code: number; times: number } | undefined;
  port = 0;
  private server?: SMTPServer;

  /** Credentials it accepts; without, any login (and none) is accepted. */
  constructor(private readonly login?: { user: string; pass: string }) {}

  async start(): Promise<this> {
    this.port = await freePort();
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, cb) =>
        !this.login || (auth.username === this.login.user && auth.password === this.login.pass)
          ? cb(null, { user: auth.username })
          : cb(Object.assign(new Error('bad credentials'), { responseCode: 535 })),
      onRcptTo: (address, _session, cb) => {
        this.rcptAttempts++;
        if (this.refuse && this.refuse.times > 0) {
          this.refuse.times--;
          return cb(
            Object.assign(new Error(`<${address.address}> refused for now`), {
              responseCode: this.refuse.code,
            }),
          );
        }
        cb();
      },
      onData: (stream: SMTPServerDataStream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          cb();
        });
      },
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    return this;
  }

  /** What a started service needs to send its email here, as `from` (after start()). */
  env(from: string): { NOTIFY_SMTP_HOST: string; NOTIFY_SMTP_PORT: string; NOTIFY_SMTP_FROM: string } {
    return { NOTIFY_SMTP_HOST: '127.0.0.1', NOTIFY_SMTP_PORT: String(this.port), NOTIFY_SMTP_FROM: from };
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** The text body of a single-part mail, decoded from base64 or quoted-printable as nodemailer wrote it. */
export function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  if (/Content-Transfer-Encoding: base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}
