import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, isAddressAllowed } from '@echotrace/fetch';

describe('address guard', () => {
  it('classifies private, loopback, link-local, CGNAT and unique-local addresses as private', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.1.1',
      '100.64.0.1',
      '100.127.255.254',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
    ]) {
      assert.equal(classifyAddress(address), 'private', address);
    }
  });

  it('classifies cloud metadata addresses, including IPv4-mapped forms', () => {
    for (const address of [
      '169.254.169.254',
      'fd00:ec2::254',
      'fd00:ec2:0:0:0:0:0:254',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '100.100.100.200',
    ]) {
      assert.equal(classifyAddress(address), 'metadata', address);
    }
  });

  it('classifies public addresses as public', () => {
    for (const address of [
      '8.8.8.8',
      '93.184.216.34',
      '172.32.0.1',
      '100.128.0.1',
      '2a00:1450:4001::200e',
      '2606:4700::1111',
    ]) {
      assert.equal(classifyAddress(address), 'public', address);
    }
  });

  it('allowPrivateNetwork admits private addresses but never metadata', () => {
    assert.equal(isAddressAllowed('127.0.0.1', false), false);
    assert.equal(isAddressAllowed('127.0.0.1', true), true);
    assert.equal(isAddressAllowed('169.254.169.254', true), false);
    assert.equal(isAddressAllowed('fd00:ec2::254', true), false);
    assert.equal(isAddressAllowed('8.8.8.8', false), true);
  });
});
