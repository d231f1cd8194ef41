import { describe, expect, it } from 'vitest';
import { maskPhone, maskName, maskDetail, isMasked, orderIsMasked, maskedPeople, plainPeople } from '../../src/lib/mask.js';

const order = {
  customer: { member_id: 'm-1', name: '张三', phone: '13812345678' },
  consignee: { name: '李四', phone: '13912345678', address: { province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道100号 8楼 801室' } },
};

describe('masking', () => {
  it('masks a phone as the server does', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0216888')).toBe('021****6888');
    expect(maskPhone('12345')).toBe('1***5');
    expect(maskPhone('12')).toBe('**');
  });
  it('keeps the first character of a name and of nothing else', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('王*');
    expect(maskName('')).toBe('');
  });
  it('keeps the first three characters of an address detail', () => {
    expect(maskDetail('世纪大道100号 8楼 801室')).toBe('世纪大****');
  });
  it('recognises what the server masked', () => {
    expect(isMasked('138****5678')).toBe(true);
    expect(isMasked('13812345678')).toBe(false);
    expect(orderIsMasked(order)).toBe(false);
    expect(orderIsMasked({ consignee: { name: '张*', phone: '138****5678', address: { detail: '世纪大****' } } })).toBe(true);
  });
  it('shows an order masked until it is revealed', () => {
    expect(maskedPeople(order)).toEqual({
      customerName: '张*', customerPhone: '138****5678', consigneeName: '李*', consigneePhone: '139****5678',
      address: '上海市 上海市 浦东新区 世纪大****',
    });
    expect(plainPeople(order).consigneePhone).toBe('13912345678');
    expect(plainPeople(order).address).toBe('上海市 上海市 浦东新区 世纪大道100号 8楼 801室');
  });
  it('leaves values the server masked as they are', () => {
    const masked = { customer: { name: '张*', phone: '138****5678' }, consignee: { name: '李*', phone: '139****5678', address: { detail: '世纪大****' } } };
    expect(maskedPeople(masked).customerPhone).toBe('138****5678');
    expect(maskedPeople(masked).address).toBe('世纪大****');
  });
});
