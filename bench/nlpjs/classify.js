// Reads one text per line on standard input; writes one label per line (0 negative, 1 neutral, 2 positive), as the
// nlp.js sentiment analyser of the given language (es or en) sees it: its vote, from the sign of its score.
const { containerBootstrap } = require('@nlpjs/core');
const { SentimentAnalyzer } = require('@nlpjs/sentiment');
const { LangEs } = require('@nlpjs/lang-es');
const { LangEn } = require('@nlpjs/lang-en');

async function main() {
  const locale = process.argv[2] || 'es';
  const container = await containerBootstrap();
  container.use(LangEs);
  container.use(LangEn);
  const analyzer = new SentimentAnalyzer({ container });
  const input = require('fs').readFileSync(0, 'utf8');
  const lines = input.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out = [];
  const started = process.hrtime.bigint();
  for (const line of lines) {
    const result = await analyzer.process({ locale, text: line });
    const vote = result.sentiment.vote;
    out.push(vote === 'negative' ? 0 : vote === 'positive' ? 2 : 1);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(out.join('\n') + '\n');
  process.stderr.write(`${lines.length} texts in ${seconds.toFixed(2)} s\n`);
}

main().catch((e) => { console.error(e); process.exit(1); });
