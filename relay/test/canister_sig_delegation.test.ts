// Mainnet-shaped canister signatures: Internet Identity runs on its own subnet, so its data
// certificates are signed by the subnet key and carry a delegation from the root (NNS) key whose
// canister ranges must contain the identity canister. Another subnet cannot sign for II.
import { Cbor } from '@dfinity/agent';
import { Delegation, DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { bls12_381 } from '@noble/curves/bls12-381';
import { concatBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import { STATE_ROOT_DOMAIN, certify, canisterSigPublicKeyDer, encodeCanisterSignature, deriveDevKeys, type DevKeys, buildTree, leb128, reconstruct, type HashTree, type LabeledTree, delegationMessage, SignatureMap } from '@trustcloud/localnet';
import { VerificationError, verifyPrincipalProof, type ProofRequest } from '../src/verify/index.js';
import { proofFor, utf8 } from './support/proofs.js';

const II = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const NNS = deriveDevKeys('nns-root');
const II_SUBNET = deriveDevKeys('ii-subnet');
const REQUEST: ProofRequest = { method: 'POST', path: '/chatwoot/identity', body: utf8('') };
const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

/** The NNS's delegation of `ranges` to `subnet`, signed by `signer`. */
function subnetDelegation(subnet: DevKeys, ranges: [Principal, Principal][], signer: DevKeys): { subnet_id: Uint8Array; certificate: Uint8Array } {
    const content = new Map<string | Uint8Array, LabeledTree>([
        ['subnet', new Map([[subnet.subnetId.toUint8Array(), new Map<string, LabeledTree>([
            ['canister_ranges', Cbor.encode(ranges.map(([lo, hi]) => [lo.toUint8Array(), hi.toUint8Array()]))],
            ['public_key', subnet.rootKeyDer]
        ])]])]
    ]);
    return { subnet_id: subnet.subnetId.toUint8Array(), certificate: certify(signer, content, nowNs()) };
}

/** II's delegation to a session key, its certificate signed by the II subnet with `delegation`. */
function iiIdentity(seed: Uint8Array, delegation: ReturnType<typeof subnetDelegation>): DelegationIdentity {
    const session = Ed25519KeyIdentity.generate();
    const pubkey = new Uint8Array(session.getPublicKey().toDer());
    const expiration = nowNs() + 600_000_000_000n;
    const message = delegationMessage({ pubkey, expiration });
    const sigs = new SignatureMap();
    sigs.add(seed, message, Date.now());
    const tree: HashTree = buildTree(new Map<string, LabeledTree>([
        ['canister', new Map([[II.toUint8Array(), new Map([['certified_data', sigs.rootHash()]])]])],
        ['time', leb128(nowNs())]
    ]));
    const signature = bls12_381.signShortSignature(concatBytes(STATE_ROOT_DOMAIN, reconstruct(tree)), II_SUBNET.rootSecretKey);
    const certificate = Cbor.encode({ tree, signature, delegation });
    const canisterSig = encodeCanisterSignature(certificate, sigs.witness(seed, message) as HashTree);
    const chain = DelegationChain.fromDelegations([{ delegation: new Delegation(pubkey, expiration), signature: canisterSig as never }], canisterSigPublicKeyDer(II, seed) as never);
    return DelegationIdentity.fromDelegation(session, chain);
}

async function verdict(identity: DelegationIdentity): Promise<string> {
    try {
        return (await verifyPrincipalProof(await proofFor(identity, REQUEST), REQUEST, { nowMs: Date.now(), rootKey: async () => NNS.rootKeyDer, audience: II })).toText();
    } catch (e) {
        if (e instanceof VerificationError) return e.reason;
        throw e;
    }
}

describe('canister signatures with a subnet delegation (mainnet II)', () => {
    const seed = new Uint8Array(32).fill(7);

    it('verify when the root delegated a range holding the identity canister to the signing subnet', async () => {
        const identity = iiIdentity(seed, subnetDelegation(II_SUBNET, [[II, II]], NNS));
        expect(await verdict(identity)).toBe(identity.getPrincipal().toText());
    });

    it("refuse a subnet whose ranges do not hold the identity canister, or a delegation the root did not sign", async () => {
        const other = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
        expect(await verdict(iiIdentity(seed, subnetDelegation(II_SUBNET, [[other, other]], NNS)))).toBe('bad_signature');
        expect(await verdict(iiIdentity(seed, subnetDelegation(II_SUBNET, [[II, II]], deriveDevKeys('not-the-root'))))).toBe('bad_signature');
    });
});
