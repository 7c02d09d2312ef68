// Notification channels (admins; audited) and the outbox with its attempts (admins and
// quality): GET/POST /v1/notification-channels, PATCH/DELETE /v1/notification-channels/{id},
// GET /v1/notifications?status=&limit=&before=. Secrets are never returned, nor the
// query values of a URL (a WeCom robot's key, a DingTalk robot's access token).
import { Router } from 'express';
import { bodyOf, callerOf, requireRole, smallJson } from '../auth/index.js';
import { channelChangesSchema, newChannelRequestSchema, type ChannelChangesRequest, type NewChannelRequest } from '../schemas/index.js';
import type { NotificationChannel, Repository } from '../store/index.js';
import { enumParam, intParam } from './query.js';

/** The URL with each query value hidden. */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    return '***';
  }
}

const shown = (c: NotificationChannel): NotificationChannel => ({ ...c, url: maskedUrl(c.url) });

export function notificationRoutes(repository: Repository): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.get('/v1/notification-channels', admin, async (_req, res) => {
    res.json({ channels: (await repository.listChannels()).map(shown) });
  });

  router.post('/v1/notification-channels', admin, smallJson, async (req, res) => {
    const body = bodyOf<NewChannelRequest>(req, newChannelRequestSchema);
    const actor = callerOf(req).user.id;
    const channel = await repository.transaction(async (repo) => {
      const created = await repo.createChannel({ name: body.name, kind: body.kind, url: body.url, secret: body.secret ?? null, roles: body.roles, propertyId: body.propertyId ?? null });
      await repo.audit({ actor, action: 'notification-channel.create', scopeId: created.propertyId, detail: { channelId: created.id, name: created.name, kind: created.kind, roles: created.roles } });
      return created;
    });
    res.status(201).location(`/v1/notification-channels/${encodeURIComponent(channel.id)}`).json(shown(channel));
  });

  router.patch('/v1/notification-channels/:id', admin, smallJson, async (req, res) => {
    const changes = bodyOf<ChannelChangesRequest>(req, channelChangesSchema);
    const actor = callerOf(req).user.id;
    const channel = await repository.transaction(async (repo) => {
      const updated = await repo.updateChannel(String(req.params['id']), changes);
      const { secret, ...rest } = changes;
      await repo.audit({ actor, action: 'notification-channel.update', scopeId: updated.propertyId, detail: { channelId: updated.id, changes: { ...rest, ...(secret !== undefined ? { secret: '(changed)' } : {}), ...(rest.url !== undefined ? { url: maskedUrl(rest.url) } : {}) } } });
      return updated;
    });
    res.json(shown(channel));
  });

  router.delete('/v1/notification-channels/:id', admin, async (req, res) => {
    const actor = callerOf(req).user.id;
    const channel = await repository.transaction(async (repo) => {
      const deleted = await repo.deleteChannel(String(req.params['id']));
      await repo.audit({ actor, action: 'notification-channel.delete', scopeId: deleted.propertyId, detail: { channelId: deleted.id, name: deleted.name } });
      return deleted;
    });
    res.json(shown(channel));
  });

  router.get('/v1/notifications', requireRole('admin', 'quality'), async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const status = enumParam(query, 'status', ['pending', 'delivered', 'cancelled'] as const);
    const limit = intParam(query, 'limit', 1, 500) ?? 100;
    const before = intParam(query, 'before', 1, Number.MAX_SAFE_INTEGER);
    const entries = await repository.listNotifications({ ...(status ? { status } : {}), ...(before !== undefined ? { beforeId: before } : {}), limit: limit + 1 });
    const page = entries.slice(0, limit);
    res.json({ entries: page, nextBefore: entries.length > limit ? (page[page.length - 1]?.id ?? null) : null });
  });

  return router;
}
