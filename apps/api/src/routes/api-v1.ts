import type { FastifyInstance } from 'fastify';

/**
 * Every public API route lives under /api/v1. Each feature folder exports one encapsulated
 * route plugin; register it here.
 */
export async function apiV1Routes(_app: FastifyInstance) {}
