import type { Sourced, StorageKind } from './plan';

/**
 * Classifies a checkpoint location by its path. Object stores by URL scheme; /tmp and /dev/shm are wiped
 * with the node; node-local scratch/NVMe mounts vs shared parallel file systems by their conventional mount
 * names. A relative path depends on the launch directory, so it stays `unknown`.
 */
const OBJECT_STORE = /^(s3|gs|gcs|az|abfss?|oci|hf|r2|wasbs?):\/\//i;
const TMP = /^\/(tmp|dev\/shm|var\/tmp)(\/|$)/;
const LOCAL = /^\/(scratch|local|raid|nvme|mnt\/(local|nvme|scratch)|localdisk|ssd)(\/|$)/i;
const SHARED = /^\/(fsx|lustre|gpfs|efs|nfs|shared|home|weka|vast|beegfs|project|projects|work|data|checkpoint|checkpoints|mnt\/(fsx|lustre|efs|nfs|shared|weka))(\/|$)/i;

export function storageKindOfPath(path: string): StorageKind {
  const p = path.trim();
  if (OBJECT_STORE.test(p)) return 'object-store';
  if (TMP.test(p)) return 'tmp';
  if (LOCAL.test(p)) return 'local';
  if (SHARED.test(p)) return 'shared-fs';
  return 'unknown';
}

export function storageOf(path: Sourced<string> | undefined): Sourced<StorageKind> | undefined {
  if (!path) return undefined;
  return { value: storageKindOfPath(path.value), range: path.range, key: path.key, origin: 'derived', ...(path.file ? { file: path.file } : {}) };
}
