import type { FastifyInstance } from 'fastify';
import { candidateContracts as c } from '../../contracts/candidate.js';
import type { Deps } from '../../services/deps.js';
import { getCommitmentLetter } from '../../services/get-commitment-letter.js';
import { requireActor } from '../request-context.js';

/** shared/API.md "Documents": forms the system fills in for the candidate. */
export function documentRoutes(app: FastifyInstance, deps: Deps) {
  app.get(
    '/api/v1/candidate/documents/commitment-letter.pdf',
    // A letter costs tens of milliseconds of CPU; nobody needs more than a few a minute.
    { schema: c.commitmentLetter, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const actor = requireActor(req, { roles: ['candidate'] });
      const letter = await getCommitmentLetter(deps, actor);
      return reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', `inline; filename="commitment-letter.pdf"; filename*=UTF-8''${encodeURIComponent(letter.fileName)}`)
        .header('Cache-Control', 'private, no-store')
        .send(Buffer.from(letter.pdf.buffer, letter.pdf.byteOffset, letter.pdf.byteLength));
    },
  );
}
