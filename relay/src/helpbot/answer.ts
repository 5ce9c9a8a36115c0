import type { Article } from '../chatwoot/client.js';
import { Bm25Index, type Ranked } from './bm25.js';
import { stripHtml } from './llm.js';

export type BotDecision =
    | { kind: 'answer'; articles: Ranked<ArticleDoc>[]; confidence: number }
    | { kind: 'escalate'; reason: 'asked_for_human' | 'no_match' | 'low_confidence' };

export interface ArticleDoc {
    id: string;
    title: string;
    body: string;
    article: Article;
}

const HUMAN = /\b(human|agent|person|operator|someone real|real person)\b/i;

/** Pure: should the bot answer this message from these articles, and with which (at most 3)? */
export function decide(message: string, articles: Article[], minConfidence: number): BotDecision {
    if (HUMAN.test(message)) return { kind: 'escalate', reason: 'asked_for_human' };
    const index = new Bm25Index(articles.map((a) => ({ id: String(a.id), title: a.title, body: `${a.description} ${stripHtml(a.content)}`, article: a })));
    const ranked = index.search(message, 3);
    const top = ranked[0];
    if (!top) return { kind: 'escalate', reason: 'no_match' };
    if (top.coverage < minConfidence) return { kind: 'escalate', reason: 'low_confidence' };
    return { kind: 'answer', articles: ranked.filter((r) => r.score >= top.score * 0.3), confidence: top.coverage };
}

export function citationList(articles: Article[], urlOf: (a: Article) => string): string {
    return articles.map((a, i) => `[${i + 1}] ${a.title}: ${urlOf(a)}`).join('\n');
}

/** Without an LLM: point the customer at the best articles with their summaries. */
export function extractiveAnswer(articles: Article[], urlOf: (a: Article) => string): string {
    const lines = articles.map((a, i) => `[${i + 1}] ${a.title}${a.description ? ` — ${a.description}` : ''}`);
    return `These articles should help:\n${lines.join('\n')}\n\nSources:\n${citationList(articles, urlOf)}\n\nReply "human" to talk to a person.`;
}
