import { useCallback } from 'react';
import type { CommandName, CommandRequest } from '../../../shared/contract';
import { useTransport, useWall, useWallStore } from '../../app/wall-context';
import { mayRun } from '../../stores/roles';
import { runIncidentCommand, type IncidentCommand } from './incident-commands';

/** A function running one workflow command through the wall's transport (see runIncidentCommand). */
export function useIncidentCommand(): <N extends IncidentCommand>(
  name: N,
  request: CommandRequest<N>,
) => Promise<boolean> {
  const transport = useTransport();
  const store = useWallStore();
  return useCallback((name, request) => runIncidentCommand(transport, store, name, request), [transport, store]);
}

/** Whether this connection's role may run `command` (buttons it may not use are not shown). */
export const useMay = (command: CommandName): boolean => useWall((s) => mayRun(s.actor, command));
