import type { Article, ChatwootClient } from '../chatwoot/client.js';
import type { HelpbotRequest } from '../chatwoot/signals.js';
import type { NotifyRequest } from '../notify/types.js';
import type { JobResult, Lane } from '../outbox/forwarder.js';
import { JobKind } from '../outbox/kinds.js';
import type { Job, OutboxStore } from '../outbox/store.js';
import type { Clock } from '../util/clock.js';
import { errorMessage, type Logger } from '../util/log.js';
import { postAsRelay } from '../chatwoot/own_messages.js';
import { citationList, decide, extractiveAnswer } from './answer.js';
import { llmAnswer, type LlmOptions } from './llm.js';

export interface HelpbotDeps {
    store: OutboxStore;
    chatwoot: ChatwootClient;
    defaultPortal: string;
    minConfidence: number;
    llm: LlmOptions | null;
    clock: Clock;
    log: Logger;
    wake(kind: string): void;
}

const CACHE_MS = 5 * 60_000;

/** `helpbot.answer`: answer from the Help Center (citing up to 3 articles) or hand off to a human. */
export function helpbotLane(deps: HelpbotDeps): Lane<HelpbotRequest> {
    const cache = new Map<string, { at: number; articles: Article[] }>();
    const articlesOf = async (portal: string): Promise<Article[]> => {
        const hit = cache.get(portal);
        if (hit && deps.clock.now() - hit.at < CACHE_MS) return hit.articles;
        const articles = await deps.chatwoot.listArticles(portal);
        cache.set(portal, { at: deps.clock.now(), articles });
        return articles;
    };
    return {
        kind: JobKind.helpbotAnswer,
        batchSize: 10,
        async handle(jobs: Job<HelpbotRequest>[]): Promise<Map<number, JobResult>> {
            const results = new Map<number, JobResult>();
            for (const job of jobs) results.set(job.id, await answerOne(deps, job.payload, articlesOf));
            return results;
        }
    };
}

async function answerOne(deps: HelpbotDeps, req: HelpbotRequest, articlesOf: (portal: string) => Promise<Article[]>): Promise<JobResult> {
    const portal = req.portalSlug ?? deps.defaultPortal;
    let reply: string;
    try {
        const decision = decide(req.content, await articlesOf(portal), deps.minConfidence);
        if (decision.kind === 'escalate') return await escalate(deps, req, decision.reason);
        const articles = decision.articles.map((r) => r.doc.article);
        const urlOf = (a: Article): string => deps.chatwoot.articleUrl(portal, a.slug);
        reply = deps.llm
            ? `${await llmAnswer(deps.llm, req.content, articles)}\n\nSources:\n${citationList(articles, urlOf)}`
            : extractiveAnswer(articles, urlOf);
    } catch (e) {
        deps.log.warn('help bot could not answer', { conversationId: req.conversationId, error: errorMessage(e) });
        return escalate(deps, req, 'error').catch((err: unknown) => ({ status: 'retry', error: errorMessage(err) }));
    }
    try {
        await postAsRelay(deps.store.db, deps.chatwoot, deps.clock.now(), req.accountId, req.conversationId, reply);
        return { status: 'done' };
    } catch (e) {
        return { status: 'retry', error: errorMessage(e) };
    }
}

/**
 * Open the conversation for humans and queue the provider's notification. What the customer is told
 * follows what happened: the notify lane posts it once it knows whether the provider could be alerted.
 */
async function escalate(deps: HelpbotDeps, req: HelpbotRequest, reason: string): Promise<JobResult> {
    await deps.chatwoot.setStatus(req.accountId, req.conversationId, 'open');
    deps.log.info('help bot escalated', { conversationId: req.conversationId, reason });
    if (!req.contractId) {
        await postAsRelay(deps.store.db, deps.chatwoot, deps.clock.now(), req.accountId, req.conversationId, 'I have handed your question to the marketplace team; a person will answer here.');
        return { status: 'done' };
    }
    const notify: NotifyRequest = {
        reason: 'escalation',
        contractId: req.contractId,
        accountId: req.accountId,
        conversationId: req.conversationId,
        text: `Customer on contract ${req.contractId} (${reason.replace(/_/g, ' ')}): "${req.content.slice(0, 300)}"`,
        tellCustomer: true
    };
    deps.store.insert({ kind: JobKind.notify, dedupeKey: `notify:escalation:${req.accountId}:${req.messageId}`, payload: notify });
    deps.wake(JobKind.notify);
    return { status: 'done' };
}
