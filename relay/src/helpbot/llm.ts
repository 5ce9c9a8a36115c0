import { requestJson } from '../util/http_client.js';
import type { Article } from '../chatwoot/client.js';

export interface LlmOptions {
    url: string;
    apiKey: string;
    model: string;
    timeoutMs: number;
}

/** An OpenAI-compatible chat-completions endpoint, asked to answer only from the given articles. */
export async function llmAnswer(o: LlmOptions, question: string, articles: Article[]): Promise<string> {
    const context = articles.map((a, i) => `[${i + 1}] ${a.title}\n${stripHtml(a.content).slice(0, 4000)}`).join('\n\n');
    const r = await requestJson<{ choices?: { message?: { content?: string } }[] }>(`${o.url}/chat/completions`, {
        headers: { authorization: `Bearer ${o.apiKey}` },
        timeoutMs: o.timeoutMs,
        body: {
            model: o.model,
            temperature: 0.2,
            messages: [
                {
                    role: 'system',
                    content:
                        'You are a support assistant for a cloud server provider. Answer only from the numbered articles. ' +
                        'Cite articles as [1], [2], [3]. If the articles do not answer the question, reply exactly: ESCALATE'
                },
                { role: 'user', content: `Articles:\n${context}\n\nQuestion: ${question}` }
            ]
        }
    });
    const answer = r?.choices?.[0]?.message?.content?.trim() ?? '';
    if (answer === '' || answer.includes('ESCALATE')) throw new Error('the model did not answer from the articles');
    return answer;
}

export function stripHtml(s: string): string {
    return s.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}
