import type { ClusterProfile } from '../../profiles/types';
import { A100_SXM_IB } from './a100-sxm-ib';
import { AWS_P5 } from './aws-p5';
import { H100_PCIE_PROFILE } from './h100-pcie';
import { H100_SXM_IB } from './h100-sxm-ib';
import { H200_SXM_IB } from './h200-sxm-ib';

/** The built-in cluster profiles, one file each. The first is the default. */
export const BUILTIN_PROFILES: readonly ClusterProfile[] = [H100_SXM_IB, AWS_P5, H200_SXM_IB, H100_PCIE_PROFILE, A100_SXM_IB];
